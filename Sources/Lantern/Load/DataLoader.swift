import Foundation
import Markdown
import Yams

/// Loads `content/site.yml`, `content/data/*.yml` and `content/progress/*.yml`.
struct DataLoader {
    let fs: FileSystem
    let diagnostics: Diagnostics

    /// Reads a file as UTF-8 text, reporting unreadable or non-UTF-8 files.
    func text(_ path: String) -> String? {
        guard let data = SourceFiles.read(path, fs: fs, diagnostics: diagnostics) else { return nil }
        return TextDecoding.utf8(data, path: path, diagnostics: diagnostics)
    }

    func root(_ path: String, empty: YAMLLoader.Empty = .file) -> Node? {
        guard let text = text(path) else { return nil }
        return YAMLLoader.parse(text, path: path, lineOffset: 0, diagnostics: diagnostics, empty: empty)
    }

    func fields(_ node: Node, path: String, what: String) -> YAMLFields? {
        guard let mapping = node.mapping else {
            diagnostics.error(YAMLFields.location(of: node.mark, path: path, offset: 0), "\(what) must be a group of `key: value` fields")
            return nil
        }
        return YAMLFields(mapping, path: path, lineOffset: 0, diagnostics: diagnostics)
    }

    func referenceData() -> ReferenceData {
        var data = ReferenceData()
        data.topics = namedList("content/data/topics.yml", kind: "topic").map {
            Topic(id: $0.id, name: $0.name, description: $0.description)
        }
        data.models = namedList("content/data/models.yml", kind: "model").map {
            MovementModel(id: $0.id, name: $0.name, description: $0.description)
        }
        data.localities = localities("content/data/localities.yml")
        data.targets = targets("content/data/targets.yml")
        return data
    }

    private struct Named { var id: String; var name: LocalizedText; var description: LocalizedText }

    private func list(_ path: String, kind: String) -> [YAMLFields] {
        guard fs.exists(path) else { return [] }
        guard let node = root(path) else { return [] }
        guard let seq = node.sequence else {
            diagnostics.error(YAMLFields.location(of: node.mark, path: path, offset: 0), "\(path) must be a list of \(kind)s",
                              hint: "start each \(kind) with `- id: …`.")
            return []
        }
        var seen: [String: SourceLocation] = [:]
        var out: [YAMLFields] = []
        for item in seq {
            guard let f = fields(item, path: path, what: "each \(kind)") else { continue }
            if let id = f["id"]?.scalar?.string {
                if let first = seen[id] {
                    diagnostics.error(f.location(f["id"]), "the \(kind) id `\(id)` is used twice (first at line \(first.line))",
                                      hint: "give each \(kind) its own id.")
                    continue
                }
                seen[id] = f.location(f["id"])
            }
            out.append(f)
        }
        return out
    }

    private func namedList(_ path: String, kind: String) -> [Named] {
        list(path, kind: kind).compactMap { f in
            f.rejectUnknownKeys(["id", "name", "name_en", "description", "description_en"], kind: kind)
            guard let id = f.id(example: "vneid"),
                  let name = f.string("name", required: true) else { return nil }
            return Named(id: id, name: LocalizedText(vi: name, en: f.string("name_en")),
                         description: LocalizedText(vi: f.string("description") ?? "", en: f.string("description_en")))
        }
    }

    private func localities(_ path: String) -> [Locality] {
        list(path, kind: "locality").compactMap { f in
            f.rejectUnknownKeys(["id", "name", "name_en", "kind", "help", "sample_contact"], kind: "locality")
            guard let id = f.id(example: "hoa-lu"),
                  let name = f.string("name", required: true, example: "\"Phường Hoa Lư\"") else { return nil }
            let kind = f.oneOf("kind", Locality.Kind.allCases.map(\.rawValue), required: true).flatMap(Locality.Kind.init) ?? .ward
            var help = Locality.Help(team: "", place: "", hours: "", phone: "")
            if let h = f.mapping("help", required: true, example: "{team: \"…\", place: \"…\", hours: \"…\", phone: \"…\"}") {
                h.rejectUnknownKeys(["team", "place", "hours", "phone"], kind: "help contact")
                help = .init(team: h.string("team", required: true) ?? "", place: h.string("place") ?? "",
                             hours: h.string("hours") ?? "", phone: h.string("phone") ?? "")
            }
            return Locality(id: id, name: LocalizedText(vi: name, en: f.string("name_en")), kind: kind, help: help,
                            sampleContact: f.bool("sample_contact"), location: f.ownerLocation)
        }
    }

    private func targets(_ path: String) -> Targets {
        guard fs.exists(path), let node = root(path), let f = fields(node, path: path, what: "targets.yml") else {
            return Targets(deadline: nil, indicators: [])
        }
        f.rejectUnknownKeys(["deadline", "indicators"], kind: "targets.yml")
        var indicators: [Indicator] = []
        var seen = Set<String>()
        for item in f["indicators"]?.sequence ?? [] {
            guard let i = fields(item, path: path, what: "each indicator") else { continue }
            i.rejectUnknownKeys(["id", "name", "name_en", "target"], kind: "indicator")
            guard let id = i.id(example: "adults", underscore: true),
                  let name = i.string("name", required: true),
                  let target = i.int("target", required: true, example: "80", range: 0...100) else { continue }
            guard seen.insert(id).inserted else {
                diagnostics.error(i.location(i["id"]), "the indicator `\(id)` is listed twice", hint: "keep one entry per indicator.")
                continue
            }
            indicators.append(Indicator(id: id, name: LocalizedText(vi: name, en: i.string("name_en")), target: target))
        }
        return Targets(deadline: f.date("deadline"), indicators: indicators)
    }

    /// Loads every `content/progress/*.yml`, validated against the targets and localities.
    func snapshots(reference: ReferenceData) -> [Snapshot] {
        let files = fs.files(under: "content/progress").filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        return files.compactMap { name in
            let path = "content/progress/\(name)"
            // The file name is the snapshot's URL part and the name of its CSV download.
            let id = (name as NSString).deletingPathExtension
            if let problem = URLParts.problem(slug: id) {
                diagnostics.error(.file(path), "the snapshot file name `\(URLParts.shown(id))` is not a clean URL part: \(problem)",
                                  hint: "rename the file using lowercase letters, digits and hyphens, like content/progress/2026-09.yml.")
                return nil
            }
            let empty = YAMLLoader.Empty(message: "the snapshot file is empty, so the snapshot would be missing from the site",
                                         hint: "write its `as_of`, `source` and `localities`, or delete the file.")
            guard let node = root(path, empty: empty), let f = fields(node, path: path, what: "a snapshot") else { return nil }
            return snapshot(f, path: path, id: id, reference: reference)
        }.sorted { (a: Snapshot, b: Snapshot) in (a.asOf, a.id) < (b.asOf, b.id) }
    }

    private func snapshot(_ f: YAMLFields, path: String, id: String, reference: ReferenceData) -> Snapshot? {
        f.rejectUnknownKeys(["as_of", "source", "illustrative", "localities", "draft"], kind: "snapshot")
        let asOf = f.date("as_of", required: true)
        let source = f.string("source", required: true, example: "\"Báo cáo của Sở Khoa học và Công nghệ\"") ?? ""
        var rows: [Snapshot.Row] = []
        if let localities = f.mapping("localities", required: true, example: "{hoa-lu: {adults: {total: 100, reached: 80}}}") {
            for (key, value) in localities.mapping {
                guard let localityID = key.string else { continue }
                if let problem = URLParts.problem(slug: localityID) {
                    diagnostics.error(f.location(key), "the locality id `\(URLParts.shown(localityID))` is not a clean URL part: \(problem)",
                                      hint: "use the id of a locality in content/data/localities.yml, like `hoa-lu`.")
                    continue
                }
                if reference.locality(localityID) == nil {
                    let guess = Suggest.closest(to: localityID, in: reference.localities.map(\.id)).map { "did you mean `\($0)`? " } ?? ""
                    diagnostics.error(f.location(key), "unknown locality `\(localityID)`",
                                      hint: "\(guess)Localities are listed in content/data/localities.yml.")
                    continue
                }
                guard let indicators = value.mapping else {
                    diagnostics.error(f.location(value), "the counts for `\(localityID)` must be a group of indicators",
                                      hint: "write it like `adults: {total: 12840, reached: 9012}`.")
                    continue
                }
                var counts: [String: Snapshot.Count] = [:]
                for (indicatorKey, countNode) in indicators {
                    guard let indicatorID = indicatorKey.string else { continue }
                    guard reference.targets.indicator(indicatorID) != nil else {
                        let known = reference.targets.indicators.map(\.id)
                        let guess = Suggest.closest(to: indicatorID, in: known).map { "did you mean `\($0)`? " } ?? ""
                        diagnostics.error(f.location(indicatorKey), "`\(indicatorID)` is not an indicator in content/data/targets.yml",
                                          hint: "\(guess)Known indicators: \(known.joined(separator: ", ")).")
                        continue
                    }
                    guard let c = countNode.mapping else {
                        diagnostics.error(f.location(countNode), "`\(indicatorID)` must have a `total` and a `reached` count",
                                          hint: "write it like `\(indicatorID): {total: 12840, reached: 9012}`.")
                        continue
                    }
                    let cf = YAMLFields(c, path: path, lineOffset: 0, diagnostics: diagnostics, owner: f.location(countNode))
                    cf.rejectUnknownKeys(["total", "reached"], kind: "count")
                    guard let total = count(cf, "total"), let reached = count(cf, "reached") else { continue }
                    if reached > total {
                        diagnostics.error(cf.location(cf["reached"]),
                                          "`reached` (\(reached)) is larger than `total` (\(total)) for \(indicatorID) in \(localityID)",
                                          hint: "the number who reached the goal cannot exceed the number counted; check both figures.")
                        continue
                    }
                    counts[indicatorID] = Snapshot.Count(total: total, reached: reached)
                }
                rows.append(Snapshot.Row(locality: localityID, counts: counts))
            }
        }
        guard let asOf else { return nil }
        return Snapshot(id: id, source: source, sourcePath: path, asOf: asOf,
                        illustrative: f.bool("illustrative"), rows: rows)
    }

    /// The largest count a snapshot may hold: more people than live on Earth is a typing mistake,
    /// and sums and percentages of bounded counts cannot overflow.
    static let maxCount = 1_000_000_000

    private func count(_ f: YAMLFields, _ key: String) -> Int? {
        guard let node = f[key] else {
            f.diagnostics.error(f.ownerLocation, "missing `\(key)` count", hint: "write it like `{total: 12840, reached: 9012}`.")
            return nil
        }
        let hint = "counts are whole numbers such as 12840, without dots or commas."
        guard let scalar = node.scalar else {
            f.diagnostics.error(f.location(node), "`\(key)` must be a whole number of people, but it is a list or a group", hint: hint)
            return nil
        }
        guard scalar.style == .plain else {
            f.diagnostics.error(f.location(node), "`\(key)` must be a number, but it is the quoted text `\(URLParts.shown(scalar.string))`",
                                hint: "remove the quotes; \(hint)")
            return nil
        }
        let text = scalar.string
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let n = Int(text) else {
            let tooBig = !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
            f.diagnostics.error(f.location(node), tooBig ? "`\(key)` is too large (\(URLParts.shown(text)))"
                                                          : "`\(key)` must be a whole number of people, but it is `\(URLParts.shown(text))`",
                                hint: tooBig ? "counts can be at most \(Self.maxCount); check the figure." : hint)
            return nil
        }
        guard n >= 0 else {
            f.diagnostics.error(f.location(node), "`\(key)` cannot be negative (\(n))", hint: "counts are zero or more.")
            return nil
        }
        guard n <= Self.maxCount else {
            f.diagnostics.error(f.location(node), "`\(key)` is too large (\(n))", hint: "counts can be at most \(Self.maxCount); check the figure.")
            return nil
        }
        return n
    }
}

enum TextDecoding {
    /// Strict UTF-8 decoding; invalid bytes are reported with the line and column where they occur.
    static func utf8(_ data: Data, path: String, diagnostics: Diagnostics) -> String? {
        if let s = String(validating: data, as: UTF8.self) { return s }
        var line = 1, column = 1, index = 0
        let bytes = [UInt8](data)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        decodeLoop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                index += 1
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break decodeLoop
            case .error: break decodeLoop
            }
        }
        diagnostics.error(SourceLocation(path: path, line: line, column: column), "the file is not valid UTF-8 text",
                          hint: "save it as UTF-8 (in most editors: File → Save with Encoding → UTF-8).")
        return nil
    }
}
