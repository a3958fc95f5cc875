import PromptCompiler
import SeededRandom

/// Random compiler inputs following the sections contract, with benign and hostile values.
struct RandomInputs {
    var generator: SeededGenerator

    static let words = ["report", "weekly", "Alice", "roadmap", "Q3", "draft", "v2.1", "50%", "done", "→", "東京",
                        "Zoë", "naïve", "coffee", "the", "a", "of", "planning", "sync", "slack", "gmail", "notion",
                        "deliverable", "metrics", "(beta)", "–", "🙂", "customer", "launch", "review"]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &generator) < p }

    mutating func value() -> String {
        if chance(0.08) { return AdversarialCorpus.values.randomElement(using: &generator)! }
        let count = chance(0.04) ? int(20...80) : int(1...8)
        return (0..<count).map { _ in Self.words.randomElement(using: &generator)! }.joined(separator: " ")
    }

    mutating func section(_ id: String) -> PromptSection {
        let count = chance(0.15) ? 0 : int(1...6)
        var items: [PromptItem] = []
        for index in 0..<count {
            items.append(PromptItem(key: "\(id):\(index)", fields: fields(id, index: index)))
        }
        return PromptSection(items: items, excludedByLimit: chance(0.2) ? int(1...5) : 0)
    }

    mutating func fields(_ id: String, index: Int) -> [String: String] {
        switch id {
        case "profile":
            switch index % 3 {
            case 0: return ["kind": "name", "name": value(), "role": value(), "company": value()]
            case 1: return ["kind": "timezone", "timezone": value()]
            default: return ["kind": "summary", "summary": value()]
            }
        case "preferences":
            return chance(0.5) ? ["kind": "platform", "platform": value(), "tone": value(), "verbosity": value()]
                : ["kind": "preference", "value": value()]
        case "told":
            return ["kind": ["fact", "instruction", "preference"].randomElement(using: &generator)!, "value": value()]
        case "deliverables":
            return ["title": value(), "frequency": value(), "recipient": value()]
        case "platforms":
            return ["platform": value(), "state": value()]
        case "conversations":
            return ["date": "2024-05-0\(int(1...9))", "summary": value()]
        default:
            return ["time": "2024-05-01 10:0\(int(0...9))", "summary": value()]
        }
    }

    static let stableIDs = ["profile", "preferences", "told"]
    static let volatileIDs = ["deliverables", "platforms", "conversations", "activity"]

    mutating func input() -> PromptInput {
        var sections: [String: PromptSection] = [:]
        for id in Self.stableIDs + Self.volatileIDs where !chance(0.1) { sections[id] = section(id) }
        return PromptInput(sections: sections)
    }

    /// `input` with every volatile section replaced by new random content.
    mutating func changingVolatile(_ input: PromptInput) -> PromptInput {
        var changed = input
        for id in Self.volatileIDs { changed.sections[id] = chance(0.1) ? nil : section(id) }
        return changed
    }
}

