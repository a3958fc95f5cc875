import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `wm serve` as a user starts it: the start rules, a real socket, and a graceful stop on SIGTERM.
@Suite struct ServeCLITests {
    @Test func refusesToStartWithoutAToken() throws {
        let result = try WMProcess.run(["serve", "--port", "0"], environment: ["WM_SERVICE_TOKEN": ""])
        #expect(result.status == 64)
        #expect(result.stderr.contains("WM_SERVICE_TOKEN is not set"))
    }

    @Test func refusesNoAuthOffLoopback() throws {
        let result = try WMProcess.run(["serve", "--no-auth", "--host", "0.0.0.0", "--port", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--no-auth is only allowed with a loopback --host"))
    }

    @Test(arguments: [[], ["--read-database-url", "postgresql://postgres@127.0.0.1:1/replica", "--pooler", "transaction"]])
    func servesOverASocketAndStopsGracefullyOnSIGTERM(extraArguments: [String]) throws {
        let process = Process()
        process.executableURL = WMProcess.executable
        process.arguments = ["serve", "--no-auth", "--port", "0", "--database-url", "postgresql://postgres@127.0.0.1:1/none"]
            + extraArguments
        process.currentDirectoryURL = WMProcess.repositoryRoot
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The server logs the address it listens on; read until then (EOF means it exited).
        var log = ""
        var port: UInt16?
        while port == nil {
            let chunk = stderr.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: "listening on 127.0.0.1:") {
                port = UInt16(log[range.upperBound...].prefix { $0.isNumber })
            }
        }
        let listening = try #require(port, "no listening line in: \(log)")

        let health = try Self.get("/healthz", port: listening)
        #expect(health.hasPrefix("HTTP/1.1 200"))
        #expect(health.contains(#"{"status":"ok"}"#))
        let ready = try Self.get("/readyz", port: listening)
        #expect(ready.hasPrefix("HTTP/1.1 503"))
        #expect(!ready.contains("127.0.0.1:1"))

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    /// One HTTP/1.1 GET over a loopback TCP socket; returns the raw response.
    static func get(_ path: String, port: UInt16) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CLITestError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CLITestError("connect() failed") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(socket, request, request.count, 0) == request.count else { throw CLITestError("send() failed") }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
