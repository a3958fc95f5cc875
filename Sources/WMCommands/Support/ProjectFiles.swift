import Foundation
import WorkingMemory

/// Finds the project's data folders (`templates/`, `migrations/`) wherever `wm` runs from.
package enum ProjectFiles {
    /// The folder `name`: `$environmentKey` when set, else `./name`, else the nearest `name/` above the
    /// executable (so `.build/release/wm` finds the repository's folder). Nil when none exists.
    package static func folder(_ name: String, environmentKey: String) -> URL? {
        let manager = FileManager.default
        func isFolder(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let configured = ProcessInfo.processInfo.environment[environmentKey], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        let local = URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent(name)
        if isFolder(local) { return local }
        var directory = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent(name)
            if isFolder(candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// The template file for `--template`: a path (contains `/` or ends in `.md`) as given, else
    /// `NAME.md` in the templates folder.
    static func template(_ choice: TemplateChoice) throws -> String {
        if choice.isPath { return choice.argument }
        guard let folder = folder("templates", environmentKey: "WM_TEMPLATES_DIR") else {
            throw InputError("no templates folder found: run from the repository root or set WM_TEMPLATES_DIR")
        }
        let path = folder.appendingPathComponent(choice.argument + ".md").path
        guard FileManager.default.fileExists(atPath: path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
            throw InputError("no template \"\(choice.argument)\" in \(folder.path); known: \(known.joined(separator: ", "))")
        }
        return path
    }

    /// The model catalog, `models.json` in the templates folder (see `ModelCatalog`).
    static func modelCatalog() throws -> ModelCatalog {
        guard let folder = folder("templates", environmentKey: "WM_TEMPLATES_DIR") else {
            throw InputError("no templates folder found: run from the repository root or set WM_TEMPLATES_DIR")
        }
        do {
            return try ModelCatalog(contentsOf: folder.appendingPathComponent("models.json"))
        } catch {
            throw InputError(error.description)
        }
    }

    /// The catalog's entry for `--model NAME`; a name it lacks is a usage error that lists the known names.
    static func model(named name: String) throws -> ModelCatalog.Model {
        let catalog = try modelCatalog()
        guard let model = catalog.model(named: name) else {
            throw UsageError("unknown --model \"\(name)\"; templates/models.json knows: \(catalog.names.joined(separator: ", "))")
        }
        return model
    }
}
