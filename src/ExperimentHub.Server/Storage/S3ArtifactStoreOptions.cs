namespace ExperimentHub.Server.Storage;

/// <summary>The S3 (or S3-compatible: MinIO, Ceph, s3rver) store, <c>ExperimentHub:Artifacts:S3</c>.</summary>
public sealed class S3ArtifactStoreOptions
{
    public const int MinPartSizeMiB = 5;
    public const int MaxPartSizeMiB = 5120;

    /// <summary>The endpoint of an S3-compatible server, such as <c>http://127.0.0.1:9000</c>; empty means AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region, also the signing region for other servers.</summary>
    public string Region { get; set; } = "us-east-1";

    public string? Bucket { get; set; }

    /// <summary>With <see cref="SecretKey"/>; both empty means the AWS default credential chain (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Addresses buckets as <c>host/bucket/key</c> instead of <c>bucket.host/key</c>; most non-AWS servers need it.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Put in front of every object key (a folder of the bucket, such as <c>experimenthub/</c>).</summary>
    public string? Prefix { get; set; }

    /// <summary>Create the bucket on first use when it does not exist.</summary>
    public bool CreateBucketIfMissing { get; set; }

    /// <summary>Bodies larger than one part go up as a multipart upload in parts of this size (S3 allows 5 to 5120 MiB).</summary>
    public int PartSizeMiB { get; set; } = 16;
}
