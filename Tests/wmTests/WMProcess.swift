import Foundation

/// Runs the built `wm` executable as a user would, capturing its output and exit code.
struct WMProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `wm` binary next to the test bundle in the build folder.
    static var executable: URL { builtProgram("wm") }

    /// The program `name` (`wm`, `wm-render`) next to the test bundle in the build folder.
    static func builtProgram(_ name: String) -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent(name)
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `program arguments…` (`wm` unless told) in the repository root with `environment` added, feeding `input` on stdin.
    static func run(
        _ arguments: [String], program: String = "wm", environment: [String: String] = [:], input: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = builtProgram(program)
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "DATABASE_URL")
        environment.forEach { merged[$0.key] = $0.value }
        process.environment = merged
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self)
        )
    }
}

/// A fresh database on the throwaway test server (`WM_TEST_SERVER_URL`, set by scripts/test.sh).
enum TestServer {
    static func makeDatabase() throws -> String {
        guard let server = ProcessInfo.processInfo.environment["WM_TEST_SERVER_URL"], !server.isEmpty else {
            throw CLITestError("WM_TEST_SERVER_URL is not set: run the tests with scripts/test.sh")
        }
        let name = "wm_cli_" + UUID().uuidString.prefix(8).lowercased()
        try psql(server + "/postgres", "CREATE DATABASE \(name)")
        return server + "/" + name
    }

    /// Runs SQL with psql (the client ships with the server package the test script installs).
    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLITestError("psql failed: \(sql)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
