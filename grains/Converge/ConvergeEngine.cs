using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Converge;

/// <summary>
/// Decides whether an action instance runs, converges, waits or needs approval (ALARM-SPEC §7),
/// updating <see cref="ConvergeState"/>. Instances of the same condition values created within
/// <c>[create - window, create + window]</c> match; when at least <c>count</c> match a converge
/// record opens and the converge function decides for this and later instances.
/// </summary>
internal static class ConvergeEngine
{
    /// <summary>A sleeping instance is re-evaluated after this many seconds.</summary>
    public const int SleepRecheckSeconds = 30;

    /// <summary>A collect summary is sent this many seconds after its record opens.</summary>
    public const int CollectDelaySeconds = 60;

    public static ConvergeDecision Evaluate(
        ConvergeState state, ConvergeSubject subject, ConvergeConfig? config, long now, bool bizConvergeExisted = false)
    {
        var member = state.Register(subject);
        if (ActionStatus.Ended.Contains(member.Status))
        {
            return new ConvergeDecision { Kind = ConvergeDecisionKind.AlreadyFinished, Reason = $"action already {member.Status}" };
        }
        if (member.Status == ActionStatus.Sleep && IsSleepTimedOut(subject, config, now))
        {
            return Finish(member, new ConvergeDecision
            {
                Kind = ConvergeDecisionKind.Skip, Status = ActionStatus.Skipped, Reason = "waited past the action timeout",
            });
        }

        var settings = ConvergeSettings.Resolve(config, subject, out var reason);
        if (settings is null) return Finish(member, ConvergeDecision.RunUnconverged(reason));

        var start = subject.CreateTime - settings.WindowSeconds;
        var end = subject.CreateTime + settings.WindowSeconds;
        var record = state.FindOpenRecord(settings.DimensionKey);
        if (record is not null && record.CreateTime < start)
        {
            // A record from an earlier window no longer converges anything.
            record.EndTime = now;
            record = null;
        }

        var isNew = false;
        List<ConvergeMember>? matched = null;
        if (record is null)
        {
            matched = Match(state, settings, start, end);
            if (matched.Count == 0 || matched.Count < settings.Count)
            {
                return Finish(member, ConvergeDecision.RunUnconverged("not enough matching actions to converge"));
            }
            record = state.OpenRecord(settings.DimensionKey, settings.Func, settings.Description, now);
            isNew = true;
        }

        var status = ConvergeFunctionEvaluator.Evaluate(
            settings.Func, isNew, Executed(state, record.Id), settings.Count, bizConvergeExisted, out var scheduleCollect);
        Connect(member, record, isNew, status, matched);

        var collect = scheduleCollect ? new CollectSummarySchedule(record.Id, now + CollectDelaySeconds) : null;
        var decision = status switch
        {
            null => new ConvergeDecision { Kind = ConvergeDecisionKind.Run, Status = ActionStatus.Converged },
            ActionStatus.Skipped => new ConvergeDecision { Kind = ConvergeDecisionKind.Converged, Status = status, Reason = record.Description },
            ActionStatus.Sleep => new ConvergeDecision { Kind = ConvergeDecisionKind.Wait, Status = status, RecheckAt = now + SleepRecheckSeconds },
            _ => new ConvergeDecision { Kind = ConvergeDecisionKind.Approval, Status = status, Reason = record.Description },
        };
        return Finish(member, decision with { ConvergeId = record.Id, CollectSummary = collect });
    }

    /// <summary>
    /// Ends collect record <paramref name="convergeId"/> and lists the instances it converged
    /// (skipped) for the summary notice; empty when there is nothing to summarise.
    /// </summary>
    public static IReadOnlyList<long> TakeCollectSummary(ConvergeState state, long convergeId, long now)
    {
        var record = state.FindRecord(convergeId);
        if (record is null || record.EndTime is not null) return [];
        record.EndTime = now;
        var ids = new List<long>();
        foreach (var m in state.Members)
        {
            if (m.ConvergeId == convergeId && m.Status == ActionStatus.Skipped) ids.Add(m.Id);
        }
        return ids;
    }

    private static bool IsSleepTimedOut(ConvergeSubject subject, ConvergeConfig? config, long now)
    {
        var maxWindow = (config?.MaxTimedelta ?? 0) / 60 * 60;
        return subject.CreateTime + Math.Max(subject.TimeoutSeconds, maxWindow) < now;
    }

    // Instances (of any status, the current one included) matching every condition inside the
    // window and not yet related to a converge record.
    private static List<ConvergeMember> Match(ConvergeState state, ConvergeSettings settings, long start, long end)
    {
        var matched = new List<ConvergeMember>();
        foreach (var m in state.Members)
        {
            if (m.ConvergeId is not null || m.CreateTime < start || m.CreateTime > end) continue;
            var all = true;
            foreach (var (dimension, accepted) in settings.MatchConditions)
            {
                if (!m.Values.TryGetValue(dimension, out var value) || !accepted.Contains(value))
                {
                    all = false;
                    break;
                }
            }
            if (all) matched.Add(m);
        }
        return matched;
    }

    private static List<ConvergeMember> Executed(ConvergeState state, long convergeId)
    {
        var executed = new List<ConvergeMember>();
        foreach (var m in state.Members)
        {
            if (m.ConvergeId == convergeId && m.Executed) executed.Add(m);
        }
        return executed;
    }

    private static void Connect(ConvergeMember member, ConvergeRecord record, bool isNew, string? status, List<ConvergeMember>? matched)
    {
        if (member.ConvergeId is null)
        {
            member.ConvergeId = record.Id;
            member.Executed = isNew || status is null;
        }
        if (!isNew || matched is null) return;
        // The instances that opened the record with this one count as executed, unless they are
        // themselves still undecided.
        foreach (var m in matched)
        {
            if (m.ConvergeId is not null || m.Status is ActionStatus.Received or ActionStatus.Sleep or ActionStatus.Waiting) continue;
            m.ConvergeId = record.Id;
            m.Executed = true;
        }
    }

    private static ConvergeDecision Finish(ConvergeMember member, ConvergeDecision decision)
    {
        if (decision.Status is not null) member.Status = decision.Status;
        return decision;
    }
}
