/// The kinds of event the activity log accepts: the one source of truth for event types.
///
/// The `activity_log.event_type` CHECK constraint in `migrations/` must list exactly these raw values;
/// a test reads the constraint from the database and fails when the two sets differ. Adding a case
/// therefore needs a migration that re-creates the CHECK.
public enum ActivityEventType: String, CaseIterable, Sendable, Codable, Hashable {
    case deliverableRun = "deliverable_run"
    case memoryWritten = "memory_written"
    case platformSynced = "platform_synced"
    case chatSession = "chat_session"
    case integrationConnected = "integration_connected"
    case integrationDisconnected = "integration_disconnected"
    case deliverableApproved = "deliverable_approved"
    case deliverableRejected = "deliverable_rejected"
}
