import Foundation
import Markdown

/// The rules for text that becomes part of a URL and of an output file name: slugs, data ids,
/// snapshot ids, aliases and menu targets. Checked at load, so nothing unclean reaches the writer
/// (`../../x` once wrote outside the output folder; `=cmd|…` became a spreadsheet formula).
enum URLParts {
    /// Longest slug or id, in characters (file systems allow 255 bytes per name).
    static let maxLength = 100
    /// Longest alias, in characters.
    static let maxAliasLength = 300

    /// What is wrong with `text` as a slug or id, in plain words; nil when it is clean: 1–100 of
    /// `a–z`, `0–9` and `-` (and `_` where `underscore` allows it), not starting or ending with `-`.
    static func problem(slug text: String, underscore: Bool = false) -> String? {
        if text.isEmpty { return "it is empty" }
        if text.unicodeScalars.count > maxLength {
            return "it is \(text.unicodeScalars.count) characters long; at most \(maxLength) are allowed"
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-": continue
            case "_" where underscore: continue
            case "A"..."Z": return "it contains the capital letter `\(scalar)`"
            case "/", "\\": return "it contains `\(scalar)`, which would make it a path of several folders"
            default: return "it contains \(describe(scalar))"
            }
        }
        if text.hasPrefix("-") || text.hasSuffix("-") { return "it starts or ends with a hyphen" }
        return nil
    }

    /// The hint for an unclean slug or id: the rule, and a clean version when one can be made.
    static func hint(_ key: String, _ text: String, underscore: Bool = false) -> String {
        let allowed = underscore ? "lowercase letters a–z, digits 0–9, `-` and `_`" : "lowercase letters a–z, digits 0–9 and hyphens"
        let suggestion = String(Slug.make(text).prefix(maxLength))
        let example = suggestion.isEmpty || problem(slug: suggestion) != nil ? "" : ", like `\(key): \(suggestion)`"
        return "use only \(allowed), at most \(maxLength) characters\(example)."
    }

    /// `alias` as a clean site path, or what is wrong with it. Percent-escapes are decoded first
    /// (so `%2e%2e` is seen as `..`); every segment must then be made of URL-safe characters
    /// (`A–Z a–z 0–9 - . _ ~`) and may not be `.` or `..`. A missing leading `/` is added.
    static func sitePath(_ alias: String) -> Result<String, SitePathProblem> {
        guard alias.unicodeScalars.count <= maxAliasLength else {
            return .failure(.init("it is \(alias.unicodeScalars.count) characters long; at most \(maxAliasLength) are allowed"))
        }
        if let bad = alias.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .failure(.init("it contains \(describe(bad))"))
        }
        guard var decoded = alias.removingPercentEncoding else {
            return .failure(.init("it has a `%` that is not followed by two hexadecimal digits"))
        }
        // `old/page` is read as the site path `/old/page/`, as before.
        if !decoded.hasPrefix("/") { decoded = "/" + decoded }
        if decoded.hasPrefix("//") { return .failure(.init("it starts with `//`, which browsers read as another website")) }
        var segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        if segments.last == "" { segments.removeLast() }
        for segment in segments {
            if segment.isEmpty { return .failure(.init("it has an empty part (`//`)")) }
            if segment == "." || segment == ".." { return .failure(.init("it has a `\(segment)` part, which would lead out of its folder")) }
            if segment.unicodeScalars.count > maxLength {
                return .failure(.init("a part of it is longer than \(maxLength) characters"))
            }
            for scalar in segment.unicodeScalars {
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~": continue
                default: return .failure(.init("it contains \(describe(scalar))"))
                }
            }
        }
        var path = "/" + segments.joined(separator: "/")
        if !path.hasSuffix("/") && !path.hasSuffix(".html") { path += "/" }
        return .success(path)
    }

    struct SitePathProblem: Error, Equatable {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// A character named so that it can be read in a message, even when it is invisible.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0: return "a NUL character"
        case 0x0A, 0x0D: return "a line break"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        case 0..<0x20, 0x7F: return "the control character U+\(String(format: "%04X", scalar.value))"
        case 0x21..<0x7F: return "`\(scalar)`"
        default: return "`\(scalar)` (only plain ASCII is allowed)"
        }
    }

    /// `text` as it can be shown inside a message: control characters escaped, at most 60 characters.
    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.unicodeScalars.count >= 60 { out += "…"; break }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else if scalar == "`" {
                out += "'"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension YAMLFields {
    /// A required id that becomes part of URLs and file names, reported at its value when unclean.
    func id(_ key: String = "id", example: String, underscore: Bool = false) -> String? {
        guard let id = string(key, required: true, example: example) else { return nil }
        if let problem = URLParts.problem(slug: id, underscore: underscore) {
            diagnostics.error(location(self[key]), "the id `\(URLParts.shown(id))` is not a clean URL part: \(problem)",
                              hint: URLParts.hint(key, id, underscore: underscore))
            return nil
        }
        return id
    }
}
