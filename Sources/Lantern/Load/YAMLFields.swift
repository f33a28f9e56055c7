import Yams

/// Reads typed fields from one YAML mapping and reports every problem with its position in the
/// source file: missing required fields, wrong types, unknown keys (with "did you mean").
struct YAMLFields {
    let mapping: Node.Mapping
    let path: String
    /// Added to YAML line numbers: the file line of the YAML's first line, minus one.
    let lineOffset: Int
    let diagnostics: Diagnostics
    /// Where to point when a required key is missing: the mapping itself.
    let ownerLocation: SourceLocation
    /// Values by key text (the first of duplicates; Yams reports duplicates itself).
    private let values: [String: Node]

    init(_ mapping: Node.Mapping, path: String, lineOffset: Int, diagnostics: Diagnostics, owner: SourceLocation? = nil) {
        self.mapping = mapping
        self.path = path
        self.lineOffset = lineOffset
        self.diagnostics = diagnostics
        self.ownerLocation = owner ?? YAMLFields.location(of: mapping.mark, path: path, offset: lineOffset)
        var values: [String: Node] = [:]
        for (k, v) in mapping { if let key = k.scalar?.string, values[key] == nil { values[key] = v } }
        self.values = values
    }

    static func location(of mark: Mark?, path: String, offset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: offset + 1) }
        return SourceLocation(path: path, line: mark.line + offset, column: mark.column)
    }

    func location(_ node: Node?) -> SourceLocation {
        Self.location(of: node?.mark, path: path, offset: lineOffset)
    }

    func keyLocation(_ key: String) -> SourceLocation {
        for (k, _) in mapping where k.string == key { return location(k) }
        return ownerLocation
    }

    /// The value under `key`, by its text (Yams' own subscript builds and resolves a node per
    /// lookup, which was a tenth of loading time).
    subscript(key: String) -> Node? { values[key] }

    /// Reports keys that are not in `allowed`, suggesting the closest allowed one.
    func rejectUnknownKeys(_ allowed: [String], kind: String) {
        for (key, _) in mapping {
            guard let name = key.string, !allowed.contains(name) else { continue }
            let hint: String
            if let guess = Suggest.closest(to: name, in: allowed) {
                hint = "did you mean `\(guess)`? Fields a \(kind) can have: \(allowed.joined(separator: ", "))."
            } else {
                hint = "remove it, or use one of: \(allowed.joined(separator: ", "))."
            }
            diagnostics.error(location(key), "unknown field `\(name)` in \(kind) front matter", hint: hint)
        }
    }

    private func missing(_ key: String, example: String) {
        diagnostics.error(ownerLocation, "missing required field `\(key)`", hint: "add a line such as `\(key): \(example)`.")
    }

    private func wrongType(_ key: String, _ node: Node, expected: String, example: String) {
        let got = node.scalar.map { "`\($0.string)`" } ?? (node.sequence != nil ? "a list" : "a mapping")
        diagnostics.error(location(node), "`\(key)` must be \(expected), but it is \(got)", hint: "write it like `\(key): \(example)`.")
    }

    func string(_ key: String, required: Bool = false, example: String = "\"…\"") -> String? {
        guard let node = self[key], !isNull(node) else {
            if required { missing(key, example: example) }
            return nil
        }
        guard let scalar = node.scalar else { wrongType(key, node, expected: "text", example: example); return nil }
        let value = scalar.string.trimmedWhitespace
        if required && value.isEmpty {
            diagnostics.error(location(node), "`\(key)` is empty", hint: "write it like `\(key): \(example)`.")
            return nil
        }
        return value
    }

    func int(_ key: String, required: Bool = false, example: String = "10", range: ClosedRange<Int>? = nil) -> Int? {
        guard let node = self[key], !isNull(node) else {
            if required { missing(key, example: example) }
            return nil
        }
        guard let scalar = node.scalar, let value = Int(scalar.string.trimmedWhitespace) else {
            wrongType(key, node, expected: "a whole number", example: example); return nil
        }
        if let range, !range.contains(value) {
            diagnostics.error(location(node), "`\(key)` must be between \(range.lowerBound) and \(range.upperBound), but it is \(value)",
                              hint: "write it like `\(key): \(example)`.")
            return nil
        }
        return value
    }

    func bool(_ key: String, default value: Bool = false) -> Bool {
        guard let node = self[key], !isNull(node) else { return value }
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            wrongType(key, node, expected: "true or false", example: "true")
            return value
        }
    }

    func date(_ key: String, required: Bool = false) -> LocalDate? {
        guard let node = self[key], !isNull(node) else {
            if required { missing(key, example: "2026-11-29") }
            return nil
        }
        guard let text = node.scalar?.string, let date = LocalDate(iso: text.trimmedWhitespace) else {
            wrongType(key, node, expected: "a date written YYYY-MM-DD", example: "2026-11-29"); return nil
        }
        return date
    }

    func dateTime(_ key: String, required: Bool = false) -> LocalDateTime? {
        guard let node = self[key], !isNull(node) else {
            if required { missing(key, example: "2026-11-29T08:00") }
            return nil
        }
        guard let text = node.scalar?.string, let value = LocalDateTime(iso: text) else {
            wrongType(key, node, expected: "a date and time written YYYY-MM-DDTHH:MM (Vietnam time unless an offset such as +07:00 is given)",
                      example: "2026-11-29T08:00"); return nil
        }
        return value
    }

    /// A list of texts; a single text is accepted as a one-item list.
    func strings(_ key: String, required: Bool = false, example: String = "[a, b]") -> [String]? {
        guard let node = self[key], !isNull(node) else {
            if required { missing(key, example: example) }
            return nil
        }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else { wrongType(key, node, expected: "a list", example: example); return nil }
        var out: [String] = []
        for item in sequence {
            guard let s = item.scalar?.string else { wrongType(key, item, expected: "a list of texts", example: example); continue }
            out.append(s)
        }
        return out
    }

    func mapping(_ key: String, required: Bool = false, example: String) -> YAMLFields? {
        guard let node = self[key], !isNull(node) else {
            if required { missing(key, example: example) }
            return nil
        }
        guard let m = node.mapping else { wrongType(key, node, expected: "a group of fields", example: example); return nil }
        return YAMLFields(m, path: path, lineOffset: lineOffset, diagnostics: diagnostics, owner: location(node))
    }

    /// A value that must be one of a fixed set of words.
    func oneOf(_ key: String, _ choices: [String], required: Bool = false, default value: String? = nil) -> String? {
        guard let word = string(key, required: required, example: choices.first ?? "") else { return value }
        guard choices.contains(word) else {
            let guess = Suggest.closest(to: word, in: choices).map { "did you mean `\($0)`? " } ?? ""
            diagnostics.error(location(self[key]), "`\(key)` cannot be `\(word)`",
                              hint: "\(guess)Use one of: \(choices.joined(separator: ", ")).")
            return value
        }
        return word
    }

    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

enum YAMLLoader {
    /// What to say when the YAML holds nothing (empty, or only comments).
    struct Empty {
        var message: String
        var hint: String
        static let file = Empty(message: "the file is empty (it holds no fields, only blank lines or comments)",
                                hint: "add the fields this file needs, or delete it.")
    }

    /// Parses YAML text into a node, reporting syntax errors at their position in the file; also
    /// refuses anchors, aliases, tags and keys that are not plain text (see `YAMLSafety`), and an
    /// empty text (nil is never returned without an error).
    static func parse(_ text: String, path: String, lineOffset: Int, diagnostics: Diagnostics, empty: Empty = .file) -> Node? {
        if let problem = YAMLSafety.firstForbiddenFeature(in: text) {
            diagnostics.error(SourceLocation(path: path, line: problem.line + lineOffset, column: problem.column),
                              problem.message, hint: problem.hint)
            return nil
        }
        do {
            // Lantern reads every value as text and checks its type itself, so the basic resolver
            // (no regular expression per scalar) gives the same result much faster; the explicit
            // encoding spares Yams a look at the environment on every parse.
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                diagnostics.error(SourceLocation(path: path, line: lineOffset + 1), empty.message, hint: empty.hint)
                return nil
            }
            if let mark = YAMLSafety.firstComplexKey(in: node) {
                diagnostics.error(YAMLFields.location(of: mark, path: path, offset: lineOffset),
                                  "a key must be plain text, not a list or a group of fields",
                                  hint: "write keys as plain words, like `title:`; remove the `?` or the brackets before the colon.")
                return nil
            }
            return node
        } catch let error as YamlError {
            var (mark, problem) = describe(error)
            if case let .parser(context?, _, _, _) = error, context.mark.line != mark?.line {
                problem += "; it started on line \(context.mark.line + lineOffset)"
            }
            let location = mark.map { SourceLocation(path: path, line: $0.line + lineOffset, column: $0.column) }
                ?? SourceLocation(path: path, line: lineOffset + 1)
            diagnostics.error(location, "the YAML here cannot be read: \(problem)",
                              hint: "check the indentation and quoting; text containing `: ` or starting with a special character must be in quotes.")
        } catch {
            diagnostics.error(SourceLocation(path: path, line: lineOffset + 1), "the YAML cannot be read: \(error)")
        }
        return nil
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return (mark, context.map { "\(problem) (\($0.text))" } ?? problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark, "the key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) appears more than once")
        case let .reader(problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }
}

extension String {
    /// Without leading and trailing white space; most YAML values have none, and then no work is done.
    var trimmedWhitespace: String {
        guard let first, let last, first.isWhitespace || last.isWhitespace else { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
