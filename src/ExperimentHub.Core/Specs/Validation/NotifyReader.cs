using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs.Validation;

/// <summary>
/// Reads a <c>notify</c> list: <c>[{webhook: URL, on: [completed, failed, paused, new_best]}, {email: ADDRESS, on: [...]}]</c>.
/// Each entry names exactly one target; an unknown event is refused at its own path (<c>notify[0].on[1]</c>).
/// </summary>
internal sealed class NotifyReader(FieldReader reader)
{
    public const int MaxTargets = 20;
    private const string Example = "[{webhook: https://hooks.example.com/x, on: [completed, failed]}]";
    private static readonly string[] EntryKeys = ["webhook", "email", "on"];

    /// <summary>The targets, or null when any is invalid (errors added). A missing list is an empty one.</summary>
    public List<NotifyTarget>? Read(SpecNode? node, string path)
    {
        if (node is null || FieldReader.IsAbsent(node))
        {
            return [];
        }
        if (reader.Sequence(node, path, Example) is not { } sequence)
        {
            return null;
        }
        if (sequence.Items.Count > MaxTargets)
        {
            reader.Error(path, $"lists {sequence.Items.Count} targets; the limit is {MaxTargets}", sequence);
            return null;
        }
        var targets = new List<NotifyTarget>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (ReadTarget(sequence.Items[i], SpecPaths.Item(path, i)) is { } target)
            {
                targets.Add(target);
            }
        }
        return targets.Count == sequence.Items.Count ? targets : null;
    }

    private NotifyTarget? ReadTarget(SpecNode node, string path)
    {
        if (reader.Mapping(node, path, "{webhook: https://hooks.example.com/x, on: [completed]}") is not { } mapping)
        {
            return null;
        }
        reader.CheckKeys(mapping, path, EntryKeys);
        var webhook = FieldReader.Get(mapping, "webhook");
        var email = FieldReader.Get(mapping, "email");
        if (webhook is not null && email is not null)
        {
            reader.Error(path, "names both a webhook and an email; give one target per entry", mapping);
            return null;
        }
        if (webhook is null && email is null)
        {
            reader.Error(path, "needs a target: webhook: URL or email: ADDRESS", mapping);
            return null;
        }
        var address = webhook is not null
            ? Url(webhook, SpecPaths.Child(path, "webhook"))
            : Email(email!, SpecPaths.Child(path, "email"));
        var events = Events(mapping, path);
        return address is null || events is null
            ? null
            : new NotifyTarget(webhook is not null ? NotifyChannel.Webhook : NotifyChannel.Email, address, events);
    }

    private string? Url(SpecNode node, string path)
    {
        if (reader.Text(node, path, 2000) is not { } text)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            reader.Error(path, $"must be an absolute http or https URL, not '{text}'", node);
            return null;
        }
        return text;
    }

    private string? Email(SpecNode node, string path)
    {
        if (reader.Text(node, path, 320) is not { } text)
        {
            return null;
        }
        // A bare address (no display name), so that what is stored is exactly where mail goes.
        if (!System.Net.Mail.MailAddress.TryCreate(text, out var parsed) || parsed.Address != text.Trim())
        {
            reader.Error(path, $"must be an email address such as team@example.com, not '{text}'", node);
            return null;
        }
        return parsed.Address;
    }

    private List<NotifyEvent>? Events(SpecMapping mapping, string path)
    {
        var onPath = SpecPaths.Child(path, "on");
        if (FieldReader.Get(mapping, "on") is not { } node)
        {
            reader.Error(onPath, $"is required: the events to send, some of {string.Join(", ", NotifyEvents.ByName.Keys)}", mapping);
            return null;
        }
        if (reader.Sequence(node, onPath, "[completed, failed]") is not { } sequence)
        {
            return null;
        }
        if (sequence.Items.Count == 0)
        {
            reader.Error(onPath, $"must name at least one event: {string.Join(", ", NotifyEvents.ByName.Keys)}", sequence);
            return null;
        }
        var events = new List<NotifyEvent>();
        var valid = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = SpecPaths.Item(onPath, i);
            if (reader.Choice(sequence.Items[i], itemPath, NotifyEvents.ByName) is not { } notifyEvent)
            {
                valid = false;
                continue;
            }
            if (events.Contains(notifyEvent))
            {
                reader.Error(itemPath, $"{NotifyEvents.Name(notifyEvent)} is listed twice", sequence.Items[i]);
                valid = false;
                continue;
            }
            events.Add(notifyEvent);
        }
        return valid ? events : null;
    }
}
