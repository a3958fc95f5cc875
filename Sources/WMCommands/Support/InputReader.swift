#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole input named on the command line: a file path, or standard input for `-` or nothing.
///
/// Failures are `InputError`s (exit 65) naming the path and the system's reason.
enum InputReader {
    /// All bytes of `path` (standard input when `path` is nil or `-`).
    static func readAll(_ path: String?) throws(InputError) -> [UInt8] {
        let name = path ?? "-"
        let descriptor: Int32
        if name == "-" {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(name, O_RDONLY)
            guard descriptor >= 0 else { throw InputError("cannot read '\(name)': \(String(cString: strerror(errno)))") }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw InputError("cannot read '\(name)': \(String(cString: strerror(errno)))")
            }
            if got == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<got])
        }
    }
}
