namespace Ssl.Training.Data;

/// <summary>Draws one synthetic-shapes image into a CHW byte buffer: a shape of random tinted gray level, size,
/// position
/// and small rotation over a two-tone gradient background with per-pixel noise. Shapes are inside-tests in the shape's
/// own frame (radius 1, y up), anti-aliased by 2x2 supersampling.</summary>
internal static class ShapePainter
{
    public const int ClassCount = 10;

    // Rotation is kept small so that square/diamond and horizontal/vertical bars stay distinct classes.
    const float MaxRotation = 15f * MathF.PI / 180f;
    const float NoiseAmplitude = 14f;
    const float MinColourDistance = 100f;
    static readonly float StarInner = 0.42f;
    static readonly (float X, float Y) StarA = (1f, 0f);
    static readonly (float X, float Y) StarB = (StarInner * MathF.Cos(MathF.PI / 5),
        StarInner * MathF.Sin(MathF.PI / 5));

    public static void Paint(Span<byte> chw, int size, int label, ulong seed)
    {
        var rng = new SplitMix64(seed);
        Span<float> shape = stackalloc float[3];
        Span<float> bg0 = stackalloc float[3];
        Span<float> bg1 = stackalloc float[3];
        PickColours(ref rng, shape, bg0, bg1);

        var radius = size * rng.Uniform(0.2f, 0.4f);
        var cx = rng.Uniform(radius, size - radius);
        var cy = rng.Uniform(radius, size - radius);
        var angle = rng.Uniform(-MaxRotation, MaxRotation);
        var (cos, sin) = (MathF.Cos(angle), MathF.Sin(angle));
        var gradAngle = rng.Uniform(0, 2 * MathF.PI);
        var (gx, gy) = (MathF.Cos(gradAngle) / size, MathF.Sin(gradAngle) / size);
        var reach = (radius * 1.5f + 1) * (radius * 1.5f + 1);
        var plane = size * size;

        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var (dx, dy) = (x + 0.5f - cx, y + 0.5f - cy);
            var coverage = dx * dx + dy * dy > reach ? 0f : Coverage(label, dx, dy, cos, sin, 1f / radius);
            var t = Math.Clamp(0.5f + (x - size / 2f) * gx + (y - size / 2f) * gy, 0f, 1f);
            var i = y * size + x;
            var bits = rng.NextULong(); // 21 bits of noise per channel from one draw
            for (var c = 0; c < 3; c++, bits >>= 21)
            {
                var background = bg0[c] + (bg1[c] - bg0[c]) * t;
                var noise = ((bits & 0x1FFFFF) * (2f / 0x200000) - 1f) * NoiseAmplitude;
                var value = background + (shape[c] - background) * coverage + noise;
                chw[c * plane + i] = (byte)Math.Clamp(value + 0.5f, 0f, 255f);
            }
        }
    }

    // Shapes and backgrounds are near-gray (a random gray level, tinted a little per channel). With colours drawn
    // uniformly from RGB, or from a palette of saturated hues, the colour shared by both views of an image was the
    // easiest thing for SSL to match, and SimSiam's kNN accuracy stayed within 3 points of a random encoder's;
    // with near-gray images it learns shape (measured: docs and README, `ssl train --dataset builtin`).
    const float Tint = 25f;

    static void PickColours(ref SplitMix64 rng, Span<float> shape, Span<float> bg0, Span<float> bg1)
    {
        // Gray levels are independent of the class; the shape must stand out from both ends of the gradient.
        for (var attempt = 0; ; attempt++)
        {
            var (shapeGray, gray0, gray1) = (rng.Uniform(0, 256), rng.Uniform(20, 235), rng.Uniform(20, 235));
            for (var c = 0; c < 3; c++)
            {
                shape[c] = Math.Clamp(shapeGray + rng.Uniform(-Tint, Tint), 0, 255);
                bg0[c] = Math.Clamp(gray0 + rng.Uniform(-Tint, Tint), 0, 255);
                bg1[c] = Math.Clamp(gray1 + rng.Uniform(-Tint, Tint), 0, 255);
            }
            if (attempt >= 32
                || (Distance(shape, bg0) >= MinColourDistance && Distance(shape, bg1) >= MinColourDistance))
                return;
        }
    }

    static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MathF.Sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));

    static float Coverage(int label, float dx, float dy, float cos, float sin, float invRadius)
    {
        var hits = 0;
        for (var sy = -0.25f; sy < 0.5f; sy += 0.5f)
        for (var sx = -0.25f; sx < 0.5f; sx += 0.5f)
        {
            var (px, py) = (dx + sx, dy + sy);
            var u = (px * cos + py * sin) * invRadius;
            var v = -(-px * sin + py * cos) * invRadius; // y up
            if (Inside(label, u, v)) hits++;
        }
        return hits * 0.25f;
    }

    internal static bool Inside(int label, float u, float v) => label switch
    {
        0 => u * u + v * v <= 0.85f * 0.85f,                                             // circle
        1 => MathF.Abs(u) <= 0.75f && MathF.Abs(v) <= 0.75f,                              // square
        2 => v >= -0.5f && v <= 1f - 1.7320508f * MathF.Abs(u),                          // triangle, point up
        // cross
        3 => (MathF.Abs(u) <= 0.28f && MathF.Abs(v) <= 0.95f) || (MathF.Abs(v) <= 0.28f && MathF.Abs(u) <= 0.95f),
        4 => u * u + v * v is >= 0.5f * 0.5f and <= 0.95f * 0.95f,                       // ring
        5 => InsideStar(u, v),
        6 => Bars(v, u),                                                                  // horizontal bars
        7 => Bars(u, v),                                                                  // vertical bars
        8 => MathF.Abs(u) + MathF.Abs(v) <= 1f,                                           // diamond
        9 => u * u / (0.95f * 0.95f) + v * v / (0.45f * 0.45f) <= 1f,                    // ellipse, wide
        _ => throw new ArgumentOutOfRangeException(nameof(label)),
    };

    /// <summary>Three bars across <paramref name="along"/>, stacked along <paramref name="across"/>.</summary>
    static bool Bars(float across, float along)
    {
        if (MathF.Abs(across) > 0.9f || MathF.Abs(along) > 0.9f) return false;
        var phase = (across + 0.9f) / 0.72f;
        return phase - MathF.Floor(phase) < 0.5f;
    }

    static bool InsideStar(float u, float v)
    {
        // Fold into the sector [0, 36 deg] between an outer point (on +y) and an inner corner, then test the edge.
        var r = MathF.Sqrt(u * u + v * v);
        if (r > 1f) return false;
        if (r < StarInner) return true;
        var phi = MathF.Atan2(u, v); // 0 on +y, so the star points up
        const float sector = 2 * MathF.PI / 5;
        phi -= sector * MathF.Floor(phi / sector);
        if (phi > sector / 2) phi = sector - phi;
        var (x, y) = (r * MathF.Cos(phi), r * MathF.Sin(phi));
        var edge = (StarB.X - StarA.X) * (y - StarA.Y) - (StarB.Y - StarA.Y) * (x - StarA.X);
        return edge >= 0; // origin side: (B-A) x (O-A) = StarB.Y > 0
    }
}
