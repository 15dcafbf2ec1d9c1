namespace ExperimentHub.Core.Numerics;

/// <summary>
/// The lower Cholesky factor L of a symmetric positive definite matrix, stored by rows in one array, that can
/// grow by one row at a time (O(n²) per row) so batch suggestions can condition on fantasized points cheaply.
/// </summary>
public sealed class CholeskyFactor
{
    private double[] _rows;
    private int _capacity;

    private CholeskyFactor(int capacity)
    {
        _capacity = Math.Max(capacity, 4);
        _rows = new double[_capacity * _capacity];
    }

    public int Size { get; private set; }

    /// <summary>
    /// Factors the n×n matrix in <paramref name="matrix"/> (row-major; only the lower triangle is read).
    /// Adds jitter to the diagonal, growing it tenfold, when the matrix is not numerically positive definite.
    /// </summary>
    public static CholeskyFactor Factor(double[] matrix, int n, int extraCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var jitter = 0.0;
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(matrix[i * n + i]));
        }
        scale = Math.Max(scale, 1e-300);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var f = new CholeskyFactor(n + extraCapacity);
            if (f.TryFactor(matrix, n, jitter))
            {
                return f;
            }
            jitter = jitter == 0 ? 1e-10 * scale : jitter * 10;
        }
        throw new ArgumentException("The matrix is not positive definite, even with added jitter.", nameof(matrix));
    }

    public ReadOnlySpan<double> Row(int i) => _rows.AsSpan(i * _capacity, i + 1);

    public double Diagonal(int i) => _rows[i * _capacity + i];

    /// <summary>Σ log L_ii = ½ log det.</summary>
    public double HalfLogDeterminant()
    {
        var s = 0.0;
        for (var i = 0; i < Size; i++)
        {
            s += Math.Log(Diagonal(i));
        }
        return s;
    }

    /// <summary>Solves L x = b in place, using the leading b.Length rows (the factor of the leading block).</summary>
    public void SolveLower(Span<double> b)
    {
        for (var i = 0; i < b.Length; i++)
        {
            var row = _rows.AsSpan(i * _capacity, i);
            b[i] = (b[i] - VectorMath.Dot(row, b[..i])) / _rows[i * _capacity + i];
        }
    }

    /// <summary>Solves Lᵀ x = b in place, using the leading b.Length rows.</summary>
    public void SolveUpper(Span<double> b)
    {
        for (var i = b.Length - 1; i >= 0; i--)
        {
            b[i] /= _rows[i * _capacity + i];
            var xi = b[i];
            var offset = i * _capacity;
            for (var k = 0; k < i; k++)
            {
                b[k] -= _rows[offset + k] * xi;
            }
        }
    }

    /// <summary>Solves (L Lᵀ) x = b in place, using the leading b.Length rows.</summary>
    public void Solve(Span<double> b)
    {
        SolveLower(b);
        SolveUpper(b);
    }

    /// <summary>
    /// Adds a row and column to the factored matrix: <paramref name="column"/> holds the new entries against the
    /// existing rows, <paramref name="diagonal"/> the new diagonal entry.
    /// </summary>
    public void Append(ReadOnlySpan<double> column, double diagonal)
    {
        EnsureCapacity(Size + 1);
        var n = Size;
        var row = _rows.AsSpan(n * _capacity, n + 1);
        column[..n].CopyTo(row);
        SolveLower(row[..n]);
        var d = diagonal - VectorMath.SquaredNorm(row[..n]);
        row[n] = Math.Sqrt(Math.Max(d, 1e-12 * Math.Max(Math.Abs(diagonal), 1e-300)));
        Size = n + 1;
    }

    /// <summary>
    /// The inverse of the factored matrix, row-major n×n, as L⁻ᵀ L⁻¹ with L⁻¹ kept by columns so every inner
    /// loop is a dot product of contiguous memory.
    /// </summary>
    public double[] Inverse()
    {
        var n = Size;
        // u[c] holds row c of (L⁻¹)ᵀ, i.e. column c of L⁻¹, with entries c..n-1 in use.
        var u = new double[n * n];
        for (var c = 0; c < n; c++)
        {
            var uc = u.AsSpan(c * n, n);
            for (var i = c; i < n; i++)
            {
                var rhs = i == c ? 1.0 : 0.0;
                var dot = VectorMath.Dot(_rows.AsSpan(i * _capacity + c, i - c), uc[c..i]);
                uc[i] = (rhs - dot) / _rows[i * _capacity + i];
            }
        }
        var inv = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            for (var k = j; k < n; k++)
            {
                // (L⁻ᵀ L⁻¹)_jk = Σ_{i ≥ k} L⁻¹_ij L⁻¹_ik.
                var v = VectorMath.Dot(u.AsSpan(j * n + k, n - k), u.AsSpan(k * n + k, n - k));
                inv[j * n + k] = v;
                inv[k * n + j] = v;
            }
        }
        return inv;
    }

    private bool TryFactor(double[] a, int n, double jitter)
    {
        for (var i = 0; i < n; i++)
        {
            var ri = _rows.AsSpan(i * _capacity, i + 1);
            for (var j = 0; j <= i; j++)
            {
                var rj = _rows.AsSpan(j * _capacity, j);
                var s = a[i * n + j] - VectorMath.Dot(ri[..j], rj);
                if (i == j)
                {
                    s += jitter;
                    if (!(s > 0) || !double.IsFinite(s))
                    {
                        return false;
                    }
                    ri[i] = Math.Sqrt(s);
                }
                else
                {
                    ri[j] = s / _rows[j * _capacity + j];
                }
            }
        }
        Size = n;
        return true;
    }

    private void EnsureCapacity(int size)
    {
        if (size <= _capacity)
        {
            return;
        }
        var capacity = Math.Max(size, _capacity * 2);
        var rows = new double[capacity * capacity];
        for (var i = 0; i < Size; i++)
        {
            _rows.AsSpan(i * _capacity, i + 1).CopyTo(rows.AsSpan(i * capacity));
        }
        _rows = rows;
        _capacity = capacity;
    }
}
