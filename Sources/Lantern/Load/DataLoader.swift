import Foundation
import Markdown
import Yams

/// Loads `content/site.yml`, `content/data/*.yml` and `content/progress/*.yml`.
struct DataLoader {
    let fs: FileSystem
    let diagnostics: Diagnostics

    /// Reads a file as UTF-8 text, reporting unreadable or non-UTF-8 files.
    func text(_ path: String) -> String? {
        guard let data = try? fs.read(path) else {
            diagnostics.error(.file(path), "the file cannot be read", hint: "check that it exists and is readable.")
            return nil
        }
        return TextDecoding.utf8(data, path: path, diagnostics: diagnostics)
    }

    private func root(_ path: String) -> Node? {
        guard let text = text(path) else { return nil }
        return YAMLLoader.parse(text, path: path, lineOffset: 0, diagnostics: diagnostics)
    }

    private func fields(_ node: Node, path: String, what: String) -> YAMLFields? {
        guard let mapping = node.mapping else {
            diagnostics.error(YAMLFields.location(of: node.mark, path: path, offset: 0), "\(what) must be a group of `key: value` fields")
            return nil
        }
        return YAMLFields(mapping, path: path, lineOffset: 0, diagnostics: diagnostics)
    }

    func siteConfig(_ path: String = "content/site.yml") -> SiteConfig {
        var config = SiteConfig()
        guard fs.exists(path) else {
            diagnostics.error(.file(path), "the site settings file is missing",
                              hint: "create \(path) with at least `title:` and `base_url:`.")
            return config
        }
        config.sourceText = (try? fs.read(path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard let node = root(path), let f = fields(node, path: path, what: "site.yml") else { return config }
        f.rejectUnknownKeys(["title", "title_en", "description", "description_en", "base_url", "languages", "page_size",
                             "page_budget_kb", "allow_html", "precompress", "brotli_quality", "stale_guide_days", "menu"], kind: "site.yml")
        if let t = f.string("title", required: true, example: "\"Bình dân học vụ số\"") { config.title[.vi] = t }
        if let t = f.string("title_en") { config.title[.en] = t }
        if let d = f.string("description") { config.description[.vi] = d }
        if let d = f.string("description_en") { config.description[.en] = d }
        if let url = f.string("base_url", required: true, example: "https://example.org/") {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                config.baseURL = url.hasSuffix("/") ? url : url + "/"
            } else {
                diagnostics.error(f.location(f["base_url"]), "`base_url` must be an absolute address starting with https://",
                                  hint: "write it like `base_url: https://binhdanhocvuso.example.vn/`.")
            }
        }
        if let langs = f.strings("languages") {
            var parsed: [Language] = []
            for code in langs {
                if let l = Language(rawValue: code) { parsed.append(l) } else {
                    diagnostics.error(f.location(f["languages"]), "unknown language `\(code)`", hint: "Lantern supports: vi, en.")
                }
            }
            if !parsed.contains(.vi) { parsed.insert(.vi, at: 0) }
            config.languages = parsed
        }
        if let n = f.int("page_size", range: 1...1000) { config.pageSize = n }
        if let kb = f.int("page_budget_kb", range: 1...10_000) { config.pageBudgetBytes = kb * 1024 }
        config.allowHTML = f.bool("allow_html")
        config.precompress = f.bool("precompress", default: true)
        if let q = f.int("brotli_quality", range: 0...11) { config.brotliQuality = q }
        if let days = f.int("stale_guide_days", range: 1...10_000) { config.staleGuideDays = days }
        if let menuNode = f["menu"] {
            if let seq = menuNode.sequence {
                var items: [SiteConfig.MenuItem] = []
                for item in seq {
                    guard let m = item.mapping else { continue }
                    let mf = YAMLFields(m, path: path, lineOffset: 0, diagnostics: diagnostics)
                    mf.rejectUnknownKeys(["label", "target"], kind: "menu item")
                    if let key = mf.string("label", required: true, example: "nav_guides"),
                       let target = mf.string("target", required: true, example: "guides") {
                        items.append(.init(key: key, target: target))
                    }
                }
                config.menu = items
            } else {
                diagnostics.error(f.location(menuNode), "`menu` must be a list of `{label, target}` items")
            }
        }
        return config
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
            guard let id = f.string("id", required: true, example: "vneid"),
                  let name = f.string("name", required: true) else { return nil }
            return Named(id: id, name: LocalizedText(vi: name, en: f.string("name_en")),
                         description: LocalizedText(vi: f.string("description") ?? "", en: f.string("description_en")))
        }
    }

    private func localities(_ path: String) -> [Locality] {
        list(path, kind: "locality").compactMap { f in
            f.rejectUnknownKeys(["id", "name", "name_en", "kind", "help", "sample_contact"], kind: "locality")
            guard let id = f.string("id", required: true, example: "hoa-lu"),
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
            guard let id = i.string("id", required: true, example: "adults"),
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
            guard let node = root(path), let f = fields(node, path: path, what: "a snapshot") else { return nil }
            let id = Slug.make((name as NSString).deletingPathExtension)
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

    private func count(_ f: YAMLFields, _ key: String) -> Int? {
        guard let node = f[key] else {
            f.diagnostics.error(f.ownerLocation, "missing `\(key)` count", hint: "write it like `{total: 12840, reached: 9012}`.")
            return nil
        }
        guard let text = node.scalar?.string, let n = Int(text) else {
            f.diagnostics.error(f.location(node), "`\(key)` must be a whole number of people, but it is `\(node.scalar?.string ?? "a list")`",
                                hint: "counts are whole numbers such as 12840, without dots or commas.")
            return nil
        }
        guard n >= 0 else {
            f.diagnostics.error(f.location(node), "`\(key)` cannot be negative (\(n))", hint: "counts are zero or more.")
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
