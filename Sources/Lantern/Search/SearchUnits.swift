import Foundation

/// One page's text as search sees it, split by field. Made one page at a time while the index is
/// built, and dropped once its units are taken.
struct SearchDocument {
    var title: String
    var headings: [String] = []
    var summary: String = ""
    var topics: [String] = []
    /// The body as plain text.
    var body: String = ""
}

/// A searchable unit of one page: a folded syllable, or two consecutive folded syllables joined by
/// a space, with how much the page is about it and the hash of the exact spelling it uses.
struct SearchUnit: Equatable {
    var term: String
    var score: Int
    var form: Int
}

/// Cuts a page into units. Vietnamese words are space-separated syllables, so a syllable is the
/// unit; consecutive pairs from the title, headings, summary and topics let "thanh toán" outrank
/// pages that have "thanh" and "toán" apart.
enum SearchUnits {
    /// Field weights: the title counts most, then headings, summary and topics, then the body.
    static let titleWeight = 8, fieldWeight = 4, bodyWeight = 1
    /// Body occurrences beyond this many add nothing (a long page is not more relevant).
    static let bodyOccurrences = 3
    /// Scores are stored in 5 bits.
    static let maxScore = 31
    /// The most units kept per page, best first: the index budget (bytes per page) rests on it.
    static let perPage = 48

    static func units(of doc: SearchDocument, limit: Int = perPage) -> [SearchUnit] {
        // One table entry per term, updated in place: three tables (score, form, body count) cost
        // four or five hash lookups per word of every body, a fifth of a 10 000-page build.
        struct Tally {
            var score = 0, formWeight = 0, formHash = 0, bodyCount = 0
            mutating func add(form: Int, weight: Int) {
                if weight == SearchUnits.bodyWeight {
                    guard bodyCount < SearchUnits.bodyOccurrences else { return }
                    bodyCount += 1
                }
                score += weight
                if formWeight < weight { formWeight = weight; formHash = form }
            }
        }
        var tally: [String: Tally] = [:]
        tally.reserveCapacity(256)
        func add(_ term: String, form: Int, weight: Int) {
            tally[term, default: Tally()].add(form: form, weight: weight)
        }
        func field(_ text: String, weight: Int, pairs: Bool) {
            var previous: Folding.Word?
            Folding.scanWords(text) { word in
                add(word.term, form: word.form, weight: weight)
                if pairs, let p = previous {
                    let pair = p.pair(with: word)
                    add(pair.term, form: pair.form, weight: weight)
                }
                previous = word
            }
        }
        field(doc.title, weight: titleWeight, pairs: true)
        for h in doc.headings { field(h, weight: fieldWeight, pairs: true) }
        field(doc.summary, weight: fieldWeight, pairs: true)
        for t in doc.topics { field(t, weight: fieldWeight, pairs: true) }
        field(doc.body, weight: bodyWeight, pairs: false)
        let ranked = tally.compactMap { $0.value.score > 0 ? SearchUnit(term: $0.key, score: min($0.value.score, maxScore), form: $0.value.formHash) : nil }
            .sorted { ($0.score, $1.term) > ($1.score, $0.term) }
        return Array(ranked.prefix(limit))
    }

    /// The shard a folded term lives in: its first two letters (a pair by its first syllable's).
    /// Letters outside a–z and 0–9 count as `_`. The script computes the same.
    static func shardKey(_ term: String) -> String {
        String(term.unicodeScalars.prefix(2).map { s -> Character in
            ("a"..."z").contains(s) || ("0"..."9").contains(s) ? Character(s) : "_"
        })
    }

    /// Rendered HTML as plain text: tags dropped, the few entities the renderer writes decoded.
    static func plainText(html: String) -> String {
        // Over the UTF-8 bytes (tags and entities are ASCII): iterating Characters and five
        // Foundation replacements per page were a fifth of a 10 000-page build.
        var out = [UInt8]()
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        let entities: [(String, UInt8)] = [("&lt;", 60), ("&gt;", 62), ("&quot;", 34), ("&#39;", 39), ("&amp;", 38)]
        var html = html
        html.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if inTag {
                    if b == 62 { inTag = false; out.append(32) }
                    i += 1; continue
                }
                if b == 60 { inTag = true; i += 1; continue }
                if b == 38 {
                    var matched = false
                    for (entity, ch) in entities {
                        let e = Array(entity.utf8)
                        if i + e.count <= bytes.count && bytes[i..<(i + e.count)].elementsEqual(e) {
                            out.append(ch); i += e.count; matched = true; break
                        }
                    }
                    if matched { continue }
                }
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
