import Foundation
import PromptCompiler
import Tokenization

/// Paths and fixtures shared by the tests.
enum Fixtures {
    /// The package root (two levels above this file's folder).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func template(_ name: String) throws -> PromptTemplate {
        try PromptTemplate(contentsOfFile: root.appendingPathComponent("templates/\(name).md").path)
    }

    static let counter: any TokenCounter = HeuristicTokenCounter()

    static func item(_ key: String, _ fields: [String: String]) -> PromptItem {
        PromptItem(key: key, fields: fields)
    }

    /// A benign, typical user: every section filled.
    static var typical: PromptInput {
        PromptInput(sections: [
            "profile": PromptSection(items: [
                item("profile:name", ["kind": "name", "name": "Alice Martin", "role": "Product manager", "company": "Acme"]),
                item("profile:timezone", ["kind": "timezone", "timezone": "Europe/Berlin"]),
                item("profile:summary", ["kind": "summary", "summary": "Leads the platform team; prefers concise answers with examples."]),
            ]),
            "preferences": PromptSection(items: [
                item("platform:slack", ["kind": "platform", "platform": "slack", "tone": "casual", "verbosity": "brief"]),
                item("context:preference:format", ["kind": "preference", "value": "bullet points over prose"]),
            ]),
            "told": PromptSection(items: [
                item("context:fact:coffee", ["kind": "fact", "value": "Drinks coffee black"]),
                item("context:instruction:lang", ["kind": "instruction", "value": "Answer in English unless asked otherwise"]),
            ]),
            "deliverables": PromptSection(items: [
                item("deliverable:1", ["title": "Weekly report", "frequency": "weekly", "recipient": "Bob"]),
                item("deliverable:2", ["title": "Q3 (draft) – v2.1, 50% done", "frequency": "monthly", "recipient": "unspecified"]),
            ]),
            "platforms": PromptSection(items: [
                item("platform:gmail", ["platform": "gmail", "state": "fresh"]),
                item("platform:slack", ["platform": "slack", "state": "1 hours ago"]),
            ]),
            "conversations": PromptSection(items: [
                item("session:1", ["date": "2024-05-01", "summary": "Planned the Q3 roadmap"]),
            ]),
            "activity": PromptSection(items: [
                item("activity:1", ["time": "2024-05-02 09:15", "summary": "Weekly report v3 generated (delivered)"]),
                item("activity:2", ["time": "2024-05-01 17:40", "summary": "Synced slack/general: 12 items"]),
            ]),
        ])
    }
}
