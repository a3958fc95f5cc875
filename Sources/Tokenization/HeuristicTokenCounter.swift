/// A vocabulary-free upper estimate: `ceil(asciiBytes / 2.2 + nonASCIIScalars * 1.5)`.
///
/// Measured never to under-count o200k_base or cl100k_base on markdown chunks (median over-count
/// 1.72x). Use it only where no vocabulary may be loaded; it is always labelled an estimate.
public struct HeuristicTokenCounter: TokenCounter {
    public let name = "heuristic"
    public let isEstimate = true

    public init() {}

    public func count(_ text: String) -> Int {
        var ascii = 0
        var nonASCII = 0
        for scalar in text.unicodeScalars {
            if scalar.isASCII { ascii += 1 } else { nonASCII += 1 }
        }
        // Integer arithmetic of ceil(ascii/2.2 + nonASCII*1.5) = ceil((10*ascii + 33*nonASCII) / 22).
        let scaled = 10 * ascii + 33 * nonASCII
        return (scaled + 21) / 22
    }
}
