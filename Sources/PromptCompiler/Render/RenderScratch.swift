/// Buffers a render reuses for every item it renders, so an item costs no allocation but its text.
///
/// Used by one render on one thread only; its state skips the runtime exclusivity checks for that reason.
final class RenderScratch {
    /// The item being assembled, as UTF-8.
    let bytes = UTF8OutputBuffer()
    /// The Mustache context stack.
    @exclusivity(unchecked) var stack: [MustacheValue] = []

    init() {
        stack.reserveCapacity(4)
    }
}
