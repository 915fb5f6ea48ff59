namespace Ssl.Training.Optimization;

public enum OptimizerKind { Sgd, Lars, AdamW }
