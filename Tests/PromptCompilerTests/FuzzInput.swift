import PromptCompiler

/// How the fuzzer reads its bytes; shared with fuzz/Sources/PromptFuzz (a symlink to this file) so that
/// committed crash inputs in Regressions/ replay exactly as the fuzzer ran them.
enum FuzzInput {
    /// First byte even: the rest is a template source to compile.
    case template(String)
    /// First byte odd: a template index, a budget and values (separated by 0xFF) spread over the sections.
    case render(templateIndex: Int, budget: Int, input: PromptInput)

    static let sectionIDs = ["profile", "preferences", "told", "deliverables", "platforms", "conversations", "activity"]
    static let kinds = ["profile": ["name", "timezone", "summary"], "preferences": ["platform", "preference"],
                        "told": ["fact", "instruction", "preference"]]
    static let fieldNames = ["name", "role", "company", "timezone", "summary", "platform", "tone", "verbosity", "value",
                             "title", "frequency", "recipient", "state", "date", "time"]

    init?(_ bytes: [UInt8]) {
        guard let mode = bytes.first else { return nil }
        if mode & 1 == 0 {
            self = .template(String(decoding: bytes.dropFirst(), as: UTF8.self))
            return
        }
        guard bytes.count >= 4 else { return nil }
        let values = bytes.dropFirst(4).split(separator: 0xFF, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        var input = PromptInput()
        for (index, value) in values.enumerated() {
            let id = Self.sectionIDs[index % Self.sectionIDs.count]
            var fields: [String: String] = [:]
            fields[Self.fieldNames[(index / 7) % Self.fieldNames.count]] = value
            fields[Self.fieldNames[index % Self.fieldNames.count]] = value
            if let options = Self.kinds[id] { fields["kind"] = options[index % options.count] }
            input.sections[id, default: PromptSection()].items.append(PromptItem(key: "\(id):\(index)", fields: fields))
            if index % 5 == 4 { input.sections[id]?.excludedByLimit += 1 }
        }
        self = .render(templateIndex: Int(bytes[1]), budget: Int(bytes[2]) * 12 + Int(bytes[3]), input: input)
    }
}
