import Foundation
import Yams

/// Interface strings ("Last updated", menu labels…) per language, from `templates/strings/<lang>.yml`.
/// A string missing in a translation falls back to Vietnamese, with a warning.
public struct InterfaceStrings: Sendable {
    private var table: [Language: [String: String]] = [:]
    /// Keys the build asked for that no strings file has (reported after rendering).
    let misses = Misses()

    /// A thread-safe record of the keys asked for but missing.
    final class Misses: @unchecked Sendable {
        private let lock = NSLock()
        private var keys: Set<String> = []
        func insert(_ key: String) { lock.withLock { _ = keys.insert(key) } }
        var sorted: [String] { lock.withLock { keys.sorted() } }
    }

    public func forLanguage(_ language: Language) -> [String: String] {
        guard language != .default else { return table[.default] ?? [:] }
        return (table[.default] ?? [:]).merging(table[language] ?? [:]) { _, translated in translated }
    }

    /// The string in `language`, else in Vietnamese; a key that neither has is recorded (the build
    /// reports it, `reportMisses`) and shown as itself meanwhile.
    public func string(_ key: String, _ language: Language) -> String {
        if let text = table[language]?[key] ?? table[.default]?[key] { return text }
        misses.insert(key)
        return key
    }

    /// Reports every key the build asked for that `templates/strings/vi.yml` lacks: residents
    /// would see the raw key (`nav_about_text`) on the page.
    func reportMisses(_ diagnostics: Diagnostics) {
        for key in misses.sorted {
            diagnostics.error(.file("templates/strings/\(Language.default.rawValue).yml"),
                              "the interface string `\(key)` is used by the site but not defined; pages would show the raw key `\(key)`",
                              hint: "add `\(key): \"…\"` to templates/strings/vi.yml (and its English text to en.yml).")
        }
    }

    static func load(fs: FileSystem, languages: [Language], diagnostics: Diagnostics) -> InterfaceStrings {
        var strings = InterfaceStrings()
        var positions: [String: SourceLocation] = [:]
        for language in languages {
            let path = "templates/strings/\(language.rawValue).yml"
            guard fs.exists(path) else {
                diagnostics.error(.file(path), "the interface strings for `\(language.rawValue)` are missing",
                                  hint: "create \(path) with one `key: text` line per interface string.")
                continue
            }
            guard let data = try? fs.read(path), let text = TextDecoding.utf8(data, path: path, diagnostics: diagnostics),
                  let node = YAMLLoader.parse(text, path: path, lineOffset: 0, diagnostics: diagnostics) else { continue }
            guard let mapping = node.mapping else {
                diagnostics.error(.file(path), "interface strings must be `key: text` lines"); continue
            }
            var entries: [String: String] = [:]
            for (k, v) in mapping {
                guard let key = k.string else { continue }
                guard let value = v.scalar?.string else {
                    diagnostics.error(YAMLFields.location(of: v.mark, path: path, offset: 0), "the string `\(key)` must be text")
                    continue
                }
                entries[key] = value
                if language == .default { positions[key] = YAMLFields.location(of: k.mark, path: path, offset: 0) }
            }
            strings.table[language] = entries
        }
        let base = strings.table[.default] ?? [:]
        for language in languages where language != .default {
            guard let translated = strings.table[language] else { continue }
            for key in base.keys.sorted() where translated[key] == nil {
                diagnostics.warning(.file("templates/strings/\(language.rawValue).yml"),
                                    "the interface string `\(key)` has no \(language.rawValue) translation; the Vietnamese text is used",
                                    hint: "add `\(key): \"…\"` to templates/strings/\(language.rawValue).yml.")
            }
        }
        return strings
    }
}
