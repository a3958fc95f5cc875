import CCmark
import Testing
@testable import PromptCompiler

#if canImport(Glibc)
import Foundation
import Glibc
#endif

/// cmark parses the same trees from `CmarkArena` memory as from the system allocator, and nothing leaks.
@Suite struct CmarkArenaTests {
    /// Raw markdown, not rendered prompts: the parser must cope with anything, including what no template makes.
    static let documents: [String] = AdversarialCorpus.values + [
        "",
        "## Working Memory\n\n### About you\n- Name: **Alice**\n- Time zone: Europe/Berlin\n",
        (0..<5_000).map { "- item \($0) with *some* text" }.joined(separator: "\n"),
        "[a]: /x\n\n" + String(repeating: "[a] ", count: 3_000),
        AdversarialCorpus.huge,
        String(repeating: "> ", count: 500) + "deep",
        String(repeating: "`", count: 10_000),
    ]

    @Test(arguments: [0, 64 * 1024])
    func parsesTheSameTreesAsTheSystemAllocator(expectedBytes: Int) {
        for document in Self.documents {
            #expect(Self.xml(arena: true, document, expectedBytes: expectedBytes) == Self.xml(arena: false, document),
                    "\(document.prefix(60).debugDescription)")
        }
    }

    /// A first chunk far too small makes later allocations go to added chunks and buffers move.
    @Test func growsPastItsFirstChunk() {
        let document = Self.documents[Self.documents.count - 3]
        var text = document
        let (blocks, chunks, reserved) = text.withUTF8 { bytes in
            CmarkArena.measuringMemory(expectedBytes: 0) { memory in
                let root = Self.parse(bytes, memory)
                var count = 0
                var child = cmark_node_first_child(root)
                while let current = child { count += 1; child = cmark_node_next(current) }
                return count
            }
        }
        #expect(blocks == 1)
        #expect(chunks > 1)
        #expect(reserved > 2 * document.utf8.count)
    }

    @Test func aTypicalPromptNeedsOneChunk() throws {
        let renderer = PromptRenderer(template: try Fixtures.template("working-memory"), counter: Fixtures.counter)
        var text = try renderer.render(Fixtures.typical).markdown
        let chunks = text.withUTF8 { bytes in
            CmarkArena.measuringMemory(expectedBytes: bytes.count) { memory in _ = Self.parse(bytes, memory) }.chunks
        }
        #expect(chunks == 1)
    }

    @Test func threadsParseWithTheirOwnArenas() async {
        let expected = Self.documents.map { Self.xml(arena: false, $0) }
        await withTaskGroup(of: Bool.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    (0..<20).allSatisfy { round in
                        let index = (worker * 7 + round) % Self.documents.count
                        return Self.xml(arena: true, Self.documents[index]) == expected[index]
                    }
                }
            }
            for await agreed in group { #expect(agreed) }
        }
    }

    #if canImport(Glibc)
    /// The tree is never freed node by node, so whatever cmark took from the system allocator would leak:
    /// about a megabyte per parse of this 70 kB document, 100 MB per round. Memory is shared with the tests
    /// running alongside, so a round may see their transient use; a leak would show in every round.
    @Test func parsesLeaveTheHeapAsTheyFoundIt() {
        var text = (0..<2_000).map { "- item \($0) with *some* [text](x)" }.joined(separator: "\n")
        let inUse = Self.residentBytes
        let growth = text.withUTF8 { bytes in
            (0..<3).map { _ in
                let before = inUse()
                for _ in 0..<100 { CmarkArena.withMemory(expectedBytes: bytes.count) { memory in _ = Self.parse(bytes, memory) } }
                return inUse() - before
            }
        }
        #expect(inUse() > 0)
        #expect(growth.min()! < 16 * 1024 * 1024, "resident growth per round: \(growth)")
    }
    #endif

    #if canImport(Glibc)
    /// A thread keeps its first chunk between parses and gives it back when it exits: 300 threads that each
    /// parse once would otherwise leave 300 chunks of about 170 kB behind, 50 MB per round.
    @Test func threadsGiveTheirChunkBackWhenTheyExit() {
        let growth = (0..<3).map { _ in
            let before = Self.residentBytes()
            for _ in 0..<300 {
                var thread = pthread_t()
                let started = pthread_create(&thread, nil, { _ in
                    var text = CmarkArenaTests.threadDocument
                    text.withUTF8 { bytes in
                        CmarkArena.withMemory(expectedBytes: bytes.count) { memory in _ = CmarkArenaTests.parse(bytes, memory) }
                    }
                    return nil
                }, nil)
                #expect(started == 0)
                pthread_join(thread, nil)
            }
            return Self.residentBytes() - before
        }
        // Large enough that its chunk is not a small-block allocation the heap would recycle anyway.
        #expect(Self.threadDocument.utf8.count * 16 > 128 * 1024)
        #expect(growth.min()! < 16 * 1024 * 1024, "resident growth per round: \(growth)")
    }
    #endif

    /// What each thread of `threadsGiveTheirChunkBackWhenTheyExit` parses (its chunk stays under 1 MiB, so it is kept).
    static let threadDocument = (0..<300).map { "- item \($0) with *some* text" }.joined(separator: "\n")

    #if canImport(Glibc)
    /// Resident bytes of this process: a leak of the sizes tested here stays resident, as it was written to.
    static func residentBytes() -> Int {
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        return (statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
    #endif

    /// Parses in arena memory: the parser and tree are released with the arena.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer? {
        let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, memory)
        bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        return cmark_parser_finish(parser)
    }

    /// cmark's XML rendering of the document's tree.
    private static func xml(arena: Bool, _ document: String, expectedBytes: Int? = nil) -> String {
        var text = document
        return text.withUTF8 { bytes in
            if arena {
                return CmarkArena.withMemory(expectedBytes: expectedBytes ?? bytes.count) { memory in
                    guard let root = parse(bytes, memory), let xml = cmark_render_xml(root, CMARK_OPT_DEFAULT) else { return "" }
                    return String(cString: xml)
                }
            }
            let system = cmark_get_default_mem_allocator()!
            let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, system)
            defer { cmark_parser_free(parser) }
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            guard let root = cmark_parser_finish(parser) else { return "" }
            defer { cmark_node_free(root) }
            guard let xml = cmark_render_xml(root, CMARK_OPT_DEFAULT) else { return "" }
            defer { system.pointee.free(xml) }
            return String(cString: xml)
        }
    }
}
