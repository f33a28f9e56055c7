import Foundation
import Markdown

/// `lantern new`: a new content file from the theme's archetype, with an ASCII slug from the title.
public enum Scaffold {
    public enum Kind: String, CaseIterable, Sendable {
        case guide, story, event, snapshot

        /// Pages go where their kind lives (`Page.Kind.info`); snapshots are data files in progress/.
        var folder: String {
            Page.Kind(rawValue: rawValue).flatMap(\.info.folder) ?? "progress"
        }
        var fileExtension: String { self == .snapshot ? "yml" : "md" }
    }

    public struct File: Sendable, Equatable {
        public var path: String
        public var text: String
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case emptySlug(String)
        case exists(String)
        case missingArchetype(String)

        public var description: String {
            switch self {
            case .emptySlug(let title):
                return "error: the title \"\(title)\" gives an empty file name\n  hint: use a title with letters or digits, or pass --slug."
            case .exists(let path):
                return "error: \(path) already exists; Lantern will not overwrite it\n  hint: choose another title, or pass --slug with a different name."
            case .missingArchetype(let path):
                return "error: the archetype \(path) does not exist\n  hint: create it; it is the starting text for new files of this type."
            }
        }
    }

    public static func make(_ kind: Kind, title: String, slug: String? = nil, today: LocalDate, fs: FileSystem) throws(Problem) -> File {
        let name = Slug.make(slug ?? title)
        guard !name.isEmpty else { throw .emptySlug(title) }
        let path = "content/\(kind.folder)/\(name).\(kind.fileExtension)"
        guard !fs.exists(path) else { throw .exists(path) }
        let archetype = "templates/archetypes/\(kind.rawValue).\(kind.fileExtension)"
        guard let data = try? fs.read(archetype) else { throw .missingArchetype(archetype) }
        let escapedTitle = title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let text = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "{{title}}", with: escapedTitle)
            .replacingOccurrences(of: "{{today}}", with: today.iso)
        return File(path: path, text: text.precomposedStringWithCanonicalMapping)
    }
}
