using ExperimentHub.Server.Storage;

namespace ExperimentHub.Server.Tests.Storage;

public sealed class ArtifactKeysTests
{
    [Theory]
    [InlineData("model.bin")]
    [InlineData("model/weights.bin")]
    [InlineData("plots/loss curve.png")]
    [InlineData("résultats/日本語/☃.txt")]
    [InlineData("emoji/🎯 target.json")]
    [InlineData(".hidden")]
    [InlineData("a..b/c...d")]
    [InlineData("v1.0/model.tar.gz")]
    [InlineData("run:1/c")]
    public void Relative_paths_are_valid(string path)
    {
        Assert.Null(ArtifactKeys.Validate(path));
        Assert.True(ArtifactKeys.IsValid(path, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Path_of_exactly_the_limit_is_valid()
    {
        var path = string.Join('/', Enumerable.Repeat(new string('x', 99), 10)) + "/" + new string('y', 24);

        Assert.Equal(ArtifactKeys.MaxLength, path.Length);
        Assert.Null(ArtifactKeys.Validate(path));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("../x", "'..' segment")]
    [InlineData("a/../../x", "'..' segment")]
    [InlineData("a/..", "'..' segment")]
    [InlineData("./x", "'.' segment")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/Windows", "drive letter")]
    [InlineData("a\\b", "backslash")]
    [InlineData("..\\x", "backslash")]
    [InlineData("a\0b", "NUL")]
    [InlineData("a\u001Fb", "control character U+001F")]
    [InlineData("a\nb", "control character U+000A")]
    [InlineData("a\u007Fb", "control character U+007F")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/", "empty segment")]
    public void Bad_paths_are_refused_with_the_problem_named(string? path, string expected)
    {
        var problem = ArtifactKeys.Validate(path);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.False(ArtifactKeys.IsValid(path, out var named));
        Assert.Equal(problem, named);
    }

    [Fact]
    public void Unpaired_surrogate_is_refused()
    {
        // Built at run time: an attribute cannot carry a lone surrogate.
        var path = "a" + (char)0xD800 + "b";

        Assert.Contains("unpaired surrogate at position 1", ArtifactKeys.Validate(path), StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate", ArtifactKeys.Validate("a" + (char)0xDC00), StringComparison.Ordinal);
    }

    [Fact]
    public void Drive_relative_path_is_refused()
    {
        Assert.Contains("drive letter", ArtifactKeys.Validate("a:b/c"), StringComparison.Ordinal);
    }

    [Fact]
    public void Path_over_the_limit_is_refused_with_its_length()
    {
        var problem = ArtifactKeys.Validate(new string('a', 1025));

        Assert.Equal("The artifact path is 1025 characters long; the limit is 1024.", problem);
    }

    [Fact]
    public void Segment_over_255_bytes_is_refused()
    {
        // 128 two-byte characters: 128 characters but 256 UTF-8 bytes.
        var problem = ArtifactKeys.Validate("folder/" + new string('é', 128));

        Assert.NotNull(problem);
        Assert.Contains("255 bytes", problem, StringComparison.Ordinal);
        Assert.Null(ArtifactKeys.Validate("folder/" + new string('é', 127)));
    }

    [Fact]
    public void Position_of_a_bad_character_is_named()
    {
        Assert.Equal("The artifact path contains a NUL character at position 5.", ArtifactKeys.Validate("model\0.bin"));
    }

    [Fact]
    public void Store_keys_may_be_longer_than_paths_to_carry_a_prefix()
    {
        var key = "runs/123456/" + string.Join('/', Enumerable.Repeat(new string('p', 255), 4)) + "/" + new string('q', 100);

        Assert.NotNull(ArtifactKeys.Validate(key));
        Assert.Null(ArtifactKeys.ValidateKey(key));
        Assert.Contains("limit is 2048", ArtifactKeys.ValidateKey(new string('k', ArtifactKeys.MaxKeyLength + 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureValidKey_throws_an_argument_exception_with_the_problem()
    {
        var error = Assert.Throws<ArgumentException>(() => ArtifactKeys.EnsureValidKey("../x", "key"));

        Assert.Equal("key", error.ParamName);
        Assert.StartsWith("The artifact path has a '..' segment", error.Message, StringComparison.Ordinal);
    }
}
