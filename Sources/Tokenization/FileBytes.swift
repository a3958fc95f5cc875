#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file straight into a byte array (no intermediate `Data` copy, which matters for load time).
enum FileBytes {
    /// The bytes of the file at `path`; failures name `encoding`'s rank file and the system's reason.
    static func contents(ofPath path: String, encoding: String) throws(TokenizationError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw unreadable(path, encoding) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw unreadable(path, encoding) }
        let size = Int(status.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let got = read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { failed = got < 0; break }
                initialized += got
            }
        }
        if failed { throw unreadable(path, encoding) }
        return bytes
    }

    private static func unreadable(_ path: String, _ encoding: String) -> TokenizationError {
        .rankFileUnreadable(encoding: encoding, path: path, reason: String(cString: strerror(errno)))
    }
}
