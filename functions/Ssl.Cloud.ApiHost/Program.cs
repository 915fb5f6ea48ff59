using Ssl.Cloud.ApiHost;

var builder = WebApplication.CreateBuilder(args);
builder.AddApiHost();
var app = builder.Build();
app.MapApiHost();
app.Run();
