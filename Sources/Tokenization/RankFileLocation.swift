import Foundation

/// Finds a rank file without SwiftPM's `Bundle.module`, which traps when its bundle is missing.
///
/// Searched in order: the folder named by `WM_TOKENIZATION_RESOURCES` (when set, the only place searched,
/// for installs that keep the `.bpe` files elsewhere); the resource bundle next to the executable, where
/// `swift build` puts it; the package's source folder (development builds run from another folder).
/// A file found nowhere is a `TokenizationError.rankFileMissing` naming every place searched.
enum RankFileLocation {
    static let environmentVariable = "WM_TOKENIZATION_RESOURCES"
    static let bundleName = "working-memory_Tokenization"

    /// The path of `encoding`'s `.bpe` file.
    static func path(
        of encoding: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TokenizationError) -> String {
        let fileName = encoding + ".bpe"
        var searched: [String] = []
        if let override = environment[environmentVariable], !override.isEmpty {
            let candidate = URL(fileURLWithPath: override).appendingPathComponent(fileName).path
            if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
            throw .rankFileMissing(encoding: encoding, searched: [candidate])
        }
        let executableFolder = Bundle.main.bundleURL
        for suffix in [".resources", ".bundle"] {
            let bundlePath = executableFolder.appendingPathComponent(bundleName + suffix).path
            searched.append(bundlePath)
            if let url = Bundle(path: bundlePath)?.url(forResource: encoding, withExtension: "bpe") {
                return url.path
            }
        }
        let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources")
        let candidate = sourceFolder.appendingPathComponent(fileName).path
        searched.append(candidate)
        if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
        throw .rankFileMissing(encoding: encoding, searched: searched)
    }
}
