using Ssl.Training.Data;
using Ssl.Training.Methods;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>Turns the errors a user can cause into one clear line and a non-zero exit code, never a stack
/// trace.</summary>
public static class CommandErrors
{
    public const int UserError = 2;
    public const int Failed = 1;
    public const int Cancelled = 130;

    /// <summary><c>runs watch</c>: the run it followed ended Cancelled.</summary>
    public const int RunCancelled = 3;

    public static async Task<int> Run(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Cancelled; a checkpoint was saved and the run can be resumed with --resume.");
            return Cancelled;
        }
        catch (Exception e) when (e is ArgumentException or DatasetException or HyperParameterException
                                      or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UserError;
        }
        catch (Ssl.Cloud.Trainer.Client.ApiException e)
        {
            // 4xx: the request was wrong (the message names the field or file); 5xx: the service failed.
            Console.Error.WriteLine($"error: {e.Message}");
            return (int)e.Status < 500 ? UserError : Failed;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Failed;
        }
        catch (Exception e)
            when (e is TrainingDivergedException or Ssl.Training.Evaluation.RepresentationCollapsedException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Failed;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return Failed;
        }
    }
}
