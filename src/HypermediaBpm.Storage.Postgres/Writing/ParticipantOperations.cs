using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>Registers a participant unless one with the same key exists (then false).</summary>
internal sealed class AddParticipantOperation(ParticipantRecord participant) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session) =>
        await session.ExecuteAsync(
            "INSERT INTO participants (key, kind, id, name, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING;",
            Param.Text(participant.Key), Param.Text(participant.Kind), Param.Text(participant.Id), Param.Text(participant.Name),
            Param.Time(participant.CreatedAt)).ConfigureAwait(false) == 1;
}

/// <summary>Removes a participant with its memberships and, for a user, its API tokens (false when there was none).</summary>
internal sealed class RemoveParticipantOperation(string kind, string id) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session)
    {
        if (await session.ExecuteAsync("DELETE FROM participants WHERE key = $1;", Param.Text(kind + ":" + id)).ConfigureAwait(false) != 1)
        {
            return false;
        }

        // A removed user can sign in no more (tokens go) and leaves its groups; a removed group loses its members.
        if (kind == ParticipantKinds.User)
        {
            await session.ExecuteAsync(
                Commands.Batch("DELETE FROM group_members WHERE user_id = $1;", Param.Text(id)),
                Commands.Batch("DELETE FROM api_tokens WHERE user_id = $1;", Param.Text(id))).ConfigureAwait(false);
        }
        else
        {
            await session.ExecuteAsync("DELETE FROM group_members WHERE group_id = $1;", Param.Text(id)).ConfigureAwait(false);
        }

        return true;
    }
}
