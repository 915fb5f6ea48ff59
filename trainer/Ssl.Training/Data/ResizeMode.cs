namespace Ssl.Training.Data;

/// <summary>How a decoded image is brought to the square output resolution.</summary>
public enum ResizeMode
{
    /// <summary>Scale the shorter side to the resolution, keep the centre square (torchvision's Resize +
    /// CenterCrop).</summary>
    ShorterSideCentreCrop,

    /// <summary>Scale both sides to the resolution, distorting the aspect ratio.</summary>
    Exact,
}
