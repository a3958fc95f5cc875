import Yams

/// Reads typed values out of a composed YAML node, with errors that name the file line.
struct FrontMatterReader {
    let file: String
    /// Added to Yams' 1-based line to get the file line.
    let lineOffset: Int

    func line(_ node: Node?) -> Int? {
        node?.mark.map { $0.line + lineOffset }
    }

    func error(_ node: Node?, _ problem: TemplateError.Problem) -> TemplateError {
        TemplateError(file: file, line: line(node), problem: problem)
    }

    /// The pairs of a mapping, rejecting keys outside `allowed`.
    func mapping(_ node: Node, key: String, allowed: Set<String>) throws(TemplateError) -> [String: Node] {
        guard let mapping = node.mapping else { throw error(node, .invalidValue(key: key, expected: "a mapping")) }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let name = keyNode.string else { throw error(keyNode, .invalidValue(key: key, expected: "a mapping with text keys")) }
            guard allowed.contains(name) else { throw error(keyNode, .unknownKey(name)) }
            result[name] = value
        }
        return result
    }

    func string(_ node: Node?, key: String) throws(TemplateError) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else { throw error(node, .invalidValue(key: key, expected: "text")) }
        return scalar.string
    }

    func requiredString(_ map: [String: Node], _ key: String, at parent: Node) throws(TemplateError) -> String {
        guard let value = try string(map[key], key: key), !value.isEmpty else {
            throw error(map[key] ?? parent, .missingKey(key))
        }
        return value
    }

    func int(_ node: Node?, key: String, minimum: Int) throws(TemplateError) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, value >= minimum else {
            throw error(node, .invalidValue(key: key, expected: "an integer of at least \(minimum)"))
        }
        return value
    }

    func bool(_ node: Node?, key: String) throws(TemplateError) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else { throw error(node, .invalidValue(key: key, expected: "true or false")) }
        return value
    }

    func choice<T: RawRepresentable<String>>(_ node: Node?, key: String, as type: T.Type, options: String) throws(TemplateError) -> T? {
        guard let text = try string(node, key: key) else { return nil }
        guard let value = T(rawValue: text) else { throw error(node, .invalidValue(key: key, expected: options)) }
        return value
    }
}
