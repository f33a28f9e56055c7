import Foundation

/// One language's search index as files: term shards (by the first two folded letters, so a query
/// downloads only the shards its words need) and result chunks (what a hit shows), each with a
/// content-hashed name. Built from one page at a time; the same pages give byte-identical files.
struct SearchIndex {
    /// What a result shows: the page's address, title, section and summary (the snippet).
    struct Entry: Sendable {
        var url: String
        var title: String
        var section: String
        var summary: String
    }

    struct File: Equatable {
        /// The file name inside the language's search folder, e.g. `t-th.3f9a1c2b.json`.
        var name: String
        var text: String
    }

    /// Pages cut into units at a time (on all cores) before their units join the postings.
    static let batchSize = 512

    /// Results per chunk file: a query's top hits fetch a few small chunks, not every title.
    static let chunkSize = 32

    /// Shard files by shard key, in key order.
    var shards: [(key: String, file: File)] = []
    /// Result chunks: chunk `i` holds pages `i × chunkSize ..< (i + 1) × chunkSize`.
    var chunks: [File] = []
    /// The hash of every file's name and text, in every file's name (`t-<key>.<version>.json`).
    var version = ""

    /// Builds the index of `count` pages; `page(i)` gives page `i`'s text and result, and is called
    /// once per page on any core (so it must not share mutable state).
    static func build(count: Int, page: @Sendable (Int) -> (SearchDocument, Entry)) -> SearchIndex {
        // Pages are cut into units in batches on all cores, and each batch is folded into the
        // postings in page order (so each list stays sorted) before the next is cut: holding every
        // page's units at once took ~3 KB per page (300 MB at 100 000 pages).
        var postings: [String: [Int]] = [:]
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for start in stride(from: 0, to: count, by: batchSize) {
            let end = min(start + batchSize, count)
            let batch = Collected(count: end - start)
            DispatchQueue.concurrentPerform(iterations: end - start) { k in
                let (doc, entry) = page(start + k)
                batch.set(k, (SearchUnits.units(of: doc), entry))
            }
            for (k, item) in batch.items.enumerated() {
                guard let item else { entries.append(Entry(url: "", title: "", section: "", summary: "")); continue }
                for unit in item.units {
                    Self.appendPosting(&postings[unit.term, default: []], page: start + k, value: unit.score * 32 + unit.form)
                }
                entries.append(item.entry)
            }
        }
        var index = SearchIndex()
        for (key, terms) in ShardPlan.assign(postings) {
            var text = "{"
            for (n, term) in terms.enumerated() {
                if n > 0 { text += "," }
                text += JSON.string(term) + ":["
                // Page numbers as gaps from the previous one: small numbers, small files.
                let list = postings[term]!
                var previous = 0
                for j in stride(from: 0, to: list.count, by: 2) {
                    if j > 0 { text += "," }
                    text += "\(list[j] - previous),\(list[j + 1])"
                    previous = list[j]
                }
                text += "]"
            }
            text += "}"
            index.shards.append((key, File(name: "t-\(key)", text: text)))
        }
        for (n, start) in stride(from: 0, to: entries.count, by: chunkSize).enumerated() {
            let slice = entries[start..<min(start + chunkSize, entries.count)]
            let text = "[" + slice.map { e in
                "[" + [e.url, e.title, e.section, e.summary].map(JSON.string).joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
            index.chunks.append(File(name: "d-\(n)", text: text))
        }
        // One version for the whole index, in every file's name: the page then names the shards by
        // key alone. A hash per file made the page grow by ~6 incompressible bytes per shard, and a
        // 100 000-page site's search page went over the page budget. Any change renames every file,
        // which costs a returning resident one re-download of the few shards they query.
        var hash = FNV1a()
        for file in index.shards.map(\.file) + index.chunks {
            hash.add(file.name + "\0")
            hash.add(file.text + "\0")
        }
        index.version = String(hash.hex.prefix(8))
        for i in index.shards.indices { index.shards[i].file.name += ".\(index.version).json" }
        for i in index.chunks.indices { index.chunks[i].name += ".\(index.version).json" }
        return index
    }

    /// The shard keys, space-separated, in key order: all the script needs to name a term's shard.
    var shardKeys: String { shards.map(\.key).joined(separator: " ") }

    /// The page carries the shard keys itself up to this many bytes (a 10 000-page site's ~300
    /// keys take ~1.5 KB, ~1 KB gzip); beyond, they are a file of their own (`keysFile`), fetched
    /// when the resident first uses the box, so the search page weighs the same at any size (a
    /// 100 000-page site's 4 800 keys made the page 16.5 KB gzip, over the 14 KB budget).
    static let inlineKeysLimit = 4_096
    /// `inlineKeysLimit`, lowered by tests.
    var keysLimit = Self.inlineKeysLimit

    /// The shard keys as a file (`k.<version>.json`, a JSON string), when too many for the page.
    var keysFile: File? {
        let keys = shardKeys
        guard keys.utf8.count > keysLimit else { return nil }
        return File(name: "k.\(version).json", text: JSON.string(keys))
    }

    /// Every file of the index: shards, result chunks and (on a large site) the keys file.
    var files: [File] { shards.map(\.file) + chunks + (keysFile.map { [$0] } ?? []) }

    /// What the search page gives the script: where the files are, the shard keys (`t`, or `k`: the
    /// keys file's name), and the synonyms (folded).
    /// Files are named by key, or chunk number, and the index's one version
    /// (`t-<key>.<version>.json`, `d-<n>.<version>.json`): the script rebuilds the names, so the page
    /// carries the shard keys (which compress well) and one hash, and stays small with many shards.
    func manifest(base: String, synonyms: [[String]]) -> String {
        let keys = keysFile.map { "\"k\":" + JSON.string($0.name) } ?? "\"t\":" + JSON.string(shardKeys)
        let synonymList = synonyms.map { "[" + $0.map(JSON.string).joined(separator: ",") + "]" }.joined(separator: ",")
        return "{\"b\":\(JSON.string(base)),\"v\":\(JSON.string(version)),\"n\":\(Self.chunkSize),\(keys),\"d\":\(chunks.count),\"y\":[\(synonymList)]}"
    }

    /// A posting is two numbers (page, score × 32 + form), appended in one table lookup.
    private static func appendPosting(_ list: inout [Int], page: Int, value: Int) {
        list.append(page)
        list.append(value)
    }

    /// The hash part of a file name `x-key.hash.json`.
    static func hash(of name: String) -> String {
        String(name.dropLast(".json".count).split(separator: ".").last ?? "")
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [(units: [SearchUnit], entry: Entry)?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: (units: [SearchUnit], entry: Entry)) { lock.withLock { storage[i] = value } }
        var items: [(units: [SearchUnit], entry: Entry)?] { lock.withLock { storage } }
    }
}

/// Minimal JSON writing, so the index's bytes depend on nothing but its content.
enum JSON {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\u003c"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
