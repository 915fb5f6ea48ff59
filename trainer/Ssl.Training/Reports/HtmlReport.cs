namespace Ssl.Training.Reports;

public static class HtmlReport
{
    public static string Render(TrainingReport report) => "<html></html>";
}
