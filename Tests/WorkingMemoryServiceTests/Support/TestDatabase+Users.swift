import Foundation
import PostgresStore
import TestDatabaseSupport

/// The users the service tests seed: a profile fact and an event, or varied data per index.
extension TestDatabase {
    /// A fresh, migrated database for a service test (named `wm_serve_…`).
    static func make() throws -> TestDatabase { try make(prefix: "wm_serve") }

    /// Inserts a user with a profile fact and one activity event; returns its id.
    @discardableResult
    func makeUser(withData: Bool = true) throws -> UUID {
        let id = UUID()
        try connection.query("INSERT INTO auth.users (id) VALUES (\(id))")
        if withData {
            try connection.query("""
                INSERT INTO user_context (user_id, key, value, source) VALUES (\(id), 'name', 'Alex Rivera', 'user_stated')
                """)
            try connection.query("""
                INSERT INTO activity_log (user_id, event_type, summary, created_at)
                VALUES (\(id), 'deliverable_run', 'Ran the weekly report', '2026-11-25T09:00:00Z')
                """)
        }
        return id
    }

    /// Inserts a user with a profile, `index`-dependent facts and events, all in one transaction (so that a
    /// replica has either all of it or none); returns its id.
    func makeVariedUser(_ index: Int) throws -> UUID {
        let id = UUID()
        try connection.withSession { session in
            try session.transaction { session in
                try session.query("INSERT INTO auth.users (id) VALUES (\(id))")
                try session.query("""
                    INSERT INTO user_context (user_id, key, value, source)
                    VALUES (\(id), 'name', \("User \(index)"), 'user_stated'),
                           (\(id), \("fact:\(index)"), \("Likes item number \(index) and *emphasis*"), 'tp_extracted')
                    """)
                try session.query("""
                    INSERT INTO activity_log (user_id, event_type, summary, created_at)
                    SELECT \(id), 'deliverable_run', 'Ran report ' || n, '2026-11-25T09:00:00Z'::timestamptz - n * interval '1 hour'
                    FROM generate_series(1, \(1 + index % 7)) AS n
                    """)
                try session.query("""
                    INSERT INTO chat_sessions (user_id, created_at, summary)
                    VALUES (\(id), '2026-11-24T10:00:00Z', \("Talked about plan \(index)"))
                    """)
            }
        }
        return id
    }
}
