/// The server a connection pool talks to.
public enum DatabaseRole: String, Sendable {
    /// Takes every write, the migrations, and the reads when there is no replica or it cannot answer.
    case primary
    /// A read replica (a hot standby): session-start and recent-activity reads.
    case replica
}
