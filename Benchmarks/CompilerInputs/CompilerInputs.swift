import Foundation
import PromptCompiler

// Inputs shared by the Compiler benchmark and CompilerProbe: the same typical block in both.

/// The repository's `templates/working-memory.md`.
public let workingMemoryTemplatePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates/working-memory.md").path

private func item(_ key: String, _ fields: [String: String]) -> PromptItem { PromptItem(key: key, fields: fields) }

/// About 40 items and 600 o200k tokens: a typical block.
public func typicalInput() -> PromptInput {
    PromptInput(sections: [
        "profile": PromptSection(items: [
            item("profile:name", ["kind": "name", "name": "Alice Martin", "role": "Product manager", "company": "Acme"]),
            item("context:timezone", ["kind": "timezone", "timezone": "Europe/Berlin"]),
            item("context:summary", ["kind": "summary", "summary": "Leads the platform team; prefers concise answers."]),
        ]),
        "preferences": PromptSection(items: [
            item("platform:slack", ["kind": "platform", "platform": "slack", "tone": "casual", "verbosity": "brief"]),
            item("platform:gmail", ["kind": "platform", "platform": "gmail", "tone": "formal"]),
            item("context:preference:format", ["kind": "preference", "value": "bullet points over prose"]),
        ]),
        "told": PromptSection(items: (0..<10).map {
            item("context:fact:\($0)", ["kind": $0 % 3 == 0 ? "instruction" : "fact", "value": "Fact number \($0) about the team and its quarterly goals"])
        }),
        "deliverables": PromptSection(items: (0..<5).map {
            item("deliverable:\($0)", ["title": "Report \($0)", "frequency": "weekly", "recipient": "Bob"])
        }, excludedByLimit: 2),
        "platforms": PromptSection(items: ["gmail", "notion", "slack"].map {
            item("platform:\($0)", ["platform": $0, "state": "3 hours ago"])
        }),
        "conversations": PromptSection(items: (0..<3).map {
            item("session:\($0)", ["date": "2024-05-0\($0 + 1)", "summary": "Planned the roadmap and agreed to cut scope \($0)"])
        }),
        "activity": PromptSection(items: (0..<10).map {
            item("activity:\($0)", ["time": "2024-05-02 09:\($0 + 10)", "summary": "Weekly report v\($0) generated (delivered)"])
        }),
    ])
}

public func manyActivities(_ count: Int) -> PromptInput {
    var input = typicalInput()
    input.sections["activity"] = PromptSection(items: (0..<count).map {
        item("activity:\($0)", ["time": "2024-05-02 09:15", "summary": "Synced slack/general: \($0) items"])
    })
    input.sections["told"] = PromptSection(items: (0..<count / 10).map {
        item("context:fact:\($0)", ["kind": "fact", "value": "Fact number \($0) about the team"])
    })
    return input
}

