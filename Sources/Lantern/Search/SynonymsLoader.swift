import Foundation
import Yams

/// `content/data/synonyms.yml`: groups of words residents use for the same thing, applied when a
/// query is typed (so the index stays small). Each group is a list: `- [cccd, căn cước]`.
enum SynonymsLoader {
    /// The groups, each folded; a missing file is no synonyms.
    static func load(fs: FileSystem, diagnostics: Diagnostics) -> [[String]] {
        let path = SearchRoutes.synonymsPath
        guard fs.exists(path) else { return [] }
        let loader = DataLoader(fs: fs, diagnostics: diagnostics)
        guard let root = loader.root(path, empty: .file) else { return [] }
        let hint = "write each group as a list of two or more words on one line, e.g. `- [cccd, căn cước]`."
        guard let groups = root.sequence else {
            diagnostics.error(YAMLFields.location(of: root.mark, path: path, offset: 0), "\(path) must be a list of synonym groups", hint: hint)
            return []
        }
        var out: [[String]] = []
        for group in groups {
            let words = group.sequence?.compactMap { $0.scalar?.string } ?? []
            guard words.count >= 2, words.count == group.sequence?.count else {
                diagnostics.error(YAMLFields.location(of: group.mark, path: path, offset: 0),
                                  "a synonym group must be a list of at least two words", hint: hint)
                continue
            }
            out.append(words.map { Folding.words($0).map(Folding.fold).joined(separator: " ") })
        }
        return out
    }
}
