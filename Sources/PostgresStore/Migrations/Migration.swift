import Foundation

/// One migration file, `NNN_name.sql`, applied in order of its number.
public struct Migration: Sendable, Equatable {
    /// The file's number, e.g. 3 for `003_activity_log.sql`.
    public let version: Int
    /// The file name, e.g. `003_activity_log.sql`.
    public let fileName: String
    /// The file's exact bytes.
    public let contents: Data

    public init(version: Int, fileName: String, contents: Data) {
        self.version = version
        self.fileName = fileName
        self.contents = contents
    }

    /// Loads every `NNN_name.sql` file of `directory`, sorted by number.
    ///
    /// - Throws: `PostgresError` of kind `migrationFailed` when the folder cannot be read, a `.sql` file is not
    ///   named `NNN_name.sql`, or two files share a number.
    public static func load(from directory: URL) throws(PostgresError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw PostgresError(.migrationFailed, message: "cannot read the migrations folder \(directory.path)")
        }
        var migrations: [Migration] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            guard let version = Self.version(ofFileName: name) else {
                throw PostgresError(
                    .migrationFailed,
                    message: "migration file \(name) is not named NNN_name.sql (three digits, lower-case name)"
                )
            }
            if let clash = migrations.first(where: { $0.version == version }) {
                throw PostgresError(
                    .migrationFailed, message: "migrations \(clash.fileName) and \(name) share the number \(version)"
                )
            }
            guard let contents = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw PostgresError(.migrationFailed, message: "cannot read migration file \(name)")
            }
            migrations.append(Migration(version: version, fileName: name, contents: contents))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    static func version(ofFileName name: String) -> Int? {
        let stem = name.dropLast(4)
        let digits = stem.prefix(3)
        guard digits.count == 3, digits.allSatisfy(\.isASCII), let number = Int(digits),
              stem.dropFirst(3).first == "_",
              stem.dropFirst(4).allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }),
              stem.count > 4
        else { return nil }
        return number
    }
}

/// Where a migration stands in a database.
public struct MigrationStatus: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Applied at the given time, with the same checksum as the file.
        case applied(Date)
        /// Not applied yet.
        case pending
        /// Applied, but the file has changed since: refused until the file is restored.
        case changed(appliedChecksum: String, fileChecksum: String)
        /// Recorded as applied, but no file with its number exists any more.
        case missingFile(name: String)
    }

    public let version: Int
    public let fileName: String
    public let state: State
}
