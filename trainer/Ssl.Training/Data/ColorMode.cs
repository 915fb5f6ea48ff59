namespace Ssl.Training.Data;

/// <summary>Channel layout images are converted to when they are decoded.</summary>
public enum ColorMode
{
    /// <summary>Three channels, R, G, B. Grayscale and CMYK sources are converted; alpha is composited over
    /// white.</summary>
    Rgb,

    /// <summary>One channel, ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B), as PIL's "L" mode.</summary>
    Grayscale,
}
