import ArgumentParser
import Foundation

/// A UUID given on the command line, e.g. `--user 7f1c2a52-3c1d-4b8e-9a55-0d6f1e2b3c4d` (any letter case).
package struct UUIDArgument: ExpressibleByArgument, Sendable {
    package let uuid: UUID

    package init?(argument: String) {
        guard let uuid = UUID(uuidString: argument) else { return nil }
        self.uuid = uuid
    }

    package var defaultValueDescription: String { uuid.uuidString.lowercased() }
}
