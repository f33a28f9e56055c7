import Foundation
import Testing
@testable import Lantern

/// Search: folding, units, ranking and the index files.
@Suite struct SearchFoldingTests {
    /// Every Vietnamese vowel, each row: no tone, then huyền, sắc, hỏi, ngã, nặng.
    static let vowels: [(base: String, forms: String)] = [
        ("a", "aàáảãạ"), ("a", "ăằắẳẵặ"), ("a", "âầấẩẫậ"),
        ("e", "eèéẻẽẹ"), ("e", "êềếểễệ"),
        ("i", "iìíỉĩị"),
        ("o", "oòóỏõọ"), ("o", "ôồốổỗộ"), ("o", "ơờớởỡợ"),
        ("u", "uùúủũụ"), ("u", "ưừứửữự"),
        ("y", "yỳýỷỹỵ"),
    ]

    @Test func everyVowelWithEveryToneFoldsToItsBaseLetter() {
        var checked = 0
        for row in Self.vowels {
            #expect(row.forms.count == 6)
            for form in row.forms {
                let s = String(form)
                #expect(Folding.fold(s) == row.base, "\(s)")
                #expect(Folding.fold(s.uppercased()) == row.base, "\(s.uppercased())")
                #expect(Folding.fold(s.decomposedStringWithCanonicalMapping) == row.base, "NFD \(s)")
                #expect(Folding.fold(s.uppercased().decomposedStringWithCanonicalMapping) == row.base, "NFD \(s.uppercased())")
                checked += 1
            }
        }
        #expect(checked == 72)
    }

    @Test func dStrokeFoldsToD() {
        #expect(Folding.fold("đ") == "d")
        #expect(Folding.fold("Đ") == "d")
        #expect(Folding.fold("Điện thoại") == "dien thoai")
    }

    @Test func phrasesTypedFourWaysFoldAlike() {
        let ways = ["dien thoai", "điện thoại", "DIEN THOAI", "đien thoai", "ĐIỆN THOẠI",
                    "điện thoại".decomposedStringWithCanonicalMapping]
        for w in ways { #expect(Folding.fold(w) == "dien thoai", "\(w)") }
    }

    @Test func wordsSplitOnPunctuationAndKeepMarks() {
        #expect(Folding.words("Căn cước (CCCD), điện-thoại!") == ["căn", "cước", "cccd", "điện", "thoại"])
        // NFD input gives the same composed words.
        #expect(Folding.words("căn cước".decomposedStringWithCanonicalMapping) == ["căn", "cước"])
    }

    @Test func formHashTellsMarksApartAndIgnoresNormalisation() {
        #expect(Folding.formHash(Folding.exact("ĐIỆN")) == Folding.formHash("điện"))
        #expect(Folding.formHash(Folding.exact("điện".decomposedStringWithCanonicalMapping)) == Folding.formHash("điện"))
        #expect(Folding.formHash("điện") != Folding.formHash("dien"))
    }
}

@Suite struct SearchIndexTests {
    func score(_ units: [SearchUnit], _ term: String) -> Int? { units.first { $0.term == term }?.score }

    @Test func pairsComeFromTitleHeadingsAndSummaryNotTheBody() {
        let units = SearchUnits.units(of: SearchDocument(title: "Thanh toán hoá đơn", headings: ["Quét mã QR"],
                                                         summary: "Trả tiền điện", body: "mở ứng dụng ngân hàng"))
        #expect(score(units, "thanh toan") != nil)
        #expect(score(units, "quet ma") != nil)
        #expect(score(units, "tien dien") != nil)
        #expect(score(units, "ung dung") == nil)
        #expect(score(units, "ung") != nil)
    }

    @Test func titleOutweighsHeadingsAndSummaryWhichOutweighTheBody() {
        let units = SearchUnits.units(of: SearchDocument(title: "alpha", headings: ["beta"], summary: "gamma", body: "delta delta"))
        let (a, b, g, d) = (score(units, "alpha")!, score(units, "beta")!, score(units, "gamma")!, score(units, "delta")!)
        #expect(a > b && b == g && g > d)
    }

    @Test func bodyRepeatsCountOnlyUpToALimit() {
        let units = SearchUnits.units(of: SearchDocument(title: "x", body: String(repeating: "điện ", count: 50)))
        #expect(score(units, "dien") == SearchUnits.bodyOccurrences * SearchUnits.bodyWeight)
    }

    @Test func eachUnitKeepsTheHashOfItsBestFieldsSpelling() {
        let units = SearchUnits.units(of: SearchDocument(title: "Điện thoại", body: "diện"))
        #expect(units.first { $0.term == "dien" }?.form == Folding.formHash("điện"))
        #expect(units.first { $0.term == "dien thoai" }?.form == Folding.formHash("điện thoại"))
    }

    @Test func aLongPageKeepsItsTitleWithinThePerPageLimit() {
        let body = (0..<500).map { "tu\($0)" }.joined(separator: " ")
        let units = SearchUnits.units(of: SearchDocument(title: "Căn cước", body: body))
        #expect(units.count == SearchUnits.perPage)
        #expect(score(units, "can cuoc") != nil && score(units, "can") != nil)
    }

    @Test func shardsAreTheFirstTwoFoldedLetters() {
        #expect(SearchUnits.shardKey("thanh toan") == "th")
        #expect(SearchUnits.shardKey("a") == "a")
        #expect(SearchUnits.shardKey("4g") == "4g")
        #expect(SearchUnits.shardKey("a日") == "a_")
    }

    @Test func plainTextDropsTagsAndDecodesEntities() {
        #expect(SearchUnits.plainText(html: "<p>A &amp; <strong>B</strong></p>").split(separator: " ") == ["A", "&", "B"])
    }

    /// Postings are held as varint gaps and values: every number comes back as it went in, across
    /// the one-, two- and five-byte forms, with gaps from the previous page (the shard's numbers).
    @Test func postingListsGiveBackEveryPageAndValue() {
        var list = PostingList()
        let pages: [UInt32] = [0, 0, 1, 127, 128, 300, 16_383, 16_384, 2_000_000, UInt32.max - 1, UInt32.max]
        let values: [UInt32] = [0, 31, 127, 128, 255, 16_384, 1, 99_999, UInt32.max, 7, 64]
        for (p, v) in zip(pages, values) { list.append(page: p, value: v) }
        var back: [(UInt32, UInt32, UInt32)] = []
        list.forEach { back.append(($0, $1, $2)) }
        #expect(list.count == pages.count)
        #expect(back.map(\.0) == pages && back.map(\.2) == values)
        #expect(back.map(\.1) == zip(pages, [0] + pages.dropLast()).map { $0 - $1 })
        #expect(list.bytes.count < pages.count * 8, "smaller than two 32-bit numbers a posting")
    }
}

@Suite struct SearchSiteTests {
    static let pages: [String: String?] = [
        "content/guides/a.md": "---\ntitle: \"Thanh toán tiền điện\"\nsummary: \"Quét mã.\"\ntopics: [vneid]\nduration: 5\nupdated: 2026-10-01\n---\nMở ứng dụng.\n",
        "content/guides/b.md": "---\ntitle: \"Ứng dụng ngân hàng\"\nsummary: \"Cài đặt.\"\ntopics: [vneid]\nduration: 5\nupdated: 2026-10-01\n---\n## Thanh toán\n\nBấm nút.\n",
        "content/guides/c.md": "---\ntitle: \"Giữ an toàn\"\nsummary: \"Cẩn thận.\"\ntopics: [vneid]\nduration: 5\nupdated: 2026-10-01\n---\nKhông thanh toán cho người lạ.\n",
        "content/data/synonyms.yml": "- [cccd, Căn cước]\n",
    ]

    /// Page number → score of `term` in the Vietnamese index, from the shard files.
    func postings(_ result: BuildResult, _ term: String) throws -> [String: Int] {
        let page = try #require(result.text("tim-kiem/index.html"))
        let name = try #require(result.tree.files.keys.first { $0.hasPrefix("search/vi/t-\(SearchUnits.shardKey(term)).") && $0.hasSuffix(".json") })
        #expect(page.contains("&quot;v&quot;:&quot;\(SearchIndex.hash(of: name))&quot;"), "the page names the index's version, which the shard's name carries")
        let shard = try #require(try JSONSerialization.jsonObject(with: result.tree.files[name]!) as? [String: [Int]])
        let list = shard[term] ?? []
        var out: [String: Int] = [:]
        var doc = 0
        for i in stride(from: 0, to: list.count, by: 2) { doc += list[i]; out[try url(result, doc)] = list[i + 1] >> 5 }
        return out
    }

    func url(_ result: BuildResult, _ doc: Int) throws -> String {
        let name = try #require(result.tree.files.keys.first { $0.hasPrefix("search/vi/d-\(doc / SearchIndex.chunkSize).") && $0.hasSuffix(".json") })
        let chunk = try #require(try JSONSerialization.jsonObject(with: result.tree.files[name]!) as? [[String]])
        return chunk[doc % SearchIndex.chunkSize][0]
    }

    @Test func titleThenHeadingThenBodyAndOnlyTheFirstTwoHaveThePair() throws {
        let (result, diagnostics) = TestSite.build(Self.pages)
        #expect(!diagnostics.failed(strict: true), "\(diagnostics.texts)")
        let word = try postings(result, "thanh"), pair = try postings(result, "thanh toan")
        let (a, b, c) = ("/huong-dan/a/", "/huong-dan/b/", "/huong-dan/c/")
        #expect(word[a]! > word[b]! && word[b]! > word[c]!)
        #expect(pair[a] != nil && pair[b] != nil && pair[c] == nil)
    }

    @Test func theSearchPagesListTopicsLocalitiesAndTitlesAToZWithTheBoxHidden() throws {
        let (result, _) = TestSite.build(Self.pages)
        let vi = try #require(result.text("tim-kiem/index.html"))
        #expect(vi.contains("<form class=\"search-form\" role=\"search\" hidden"))
        #expect(vi.contains(SearchScript.url))
        // "Định danh VNeID" (topic) sorts under D after "Cài đặt VNeID"'s C, with đ folded to d.
        let order = ["Cài đặt VNeID", "Định danh VNeID", "Giữ an toàn", "Phường Hoa Lư", "Thanh toán tiền điện", "Ứng dụng ngân hàng"]
        let positions = try order.map { try #require(vi.range(of: ">\($0)</a>")?.lowerBound, "\($0)") }
        #expect(positions == positions.sorted())
        #expect(vi.contains("id=\"az-d\""))
        #expect(result.text("en/search/index.html")?.contains("Hoa Lu Ward") == true)
        #expect(result.tree.files[String(SearchScript.url.dropFirst())] != nil)
        // Synonyms reach the script folded.
        #expect(vi.contains("[&quot;cccd&quot;,&quot;can cuoc&quot;]"))
    }

    @Test func theIndexIsByteIdenticalAcrossBuilds() {
        let (one, _) = TestSite.build(Self.pages), (two, _) = TestSite.build(Self.pages)
        let files = one.tree.files.filter { $0.key.hasPrefix("search/") }
        #expect(files.count > 5)
        #expect(files == two.tree.files.filter { $0.key.hasPrefix("search/") })
        #expect(one.text("tim-kiem/index.html") == two.text("tim-kiem/index.html"))
    }

    @Test func aSynonymGroupThatIsNotAListIsAnErrorAtItsLine() {
        let (_, diagnostics) = TestSite.build(["content/data/synonyms.yml": "- [cccd, căn cước]\n- cccd\n"])
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/data/synonyms.yml:2:3: error: a synonym group must be a list") },
                "\(diagnostics.texts)")
    }
}

@Suite struct SearchPageWeightTests {
    @Test func manyGuidesAreLeftToTheirTopicsInTheAToZ() throws {
        var pages: [String: String?] = [:]
        for i in 0...SearchSources.atoZTitleLimit {
            pages["content/guides/g\(i).md"] = "---\ntitle: \"Hướng dẫn số \(i)\"\nsummary: \"S.\"\ntopics: [vneid]\nduration: 5\nupdated: 2026-10-01\n---\nThân.\n"
        }
        let (result, _) = TestSite.build(pages)
        let vi = try #require(result.text("tim-kiem/index.html"))
        #expect(!vi.contains(">Hướng dẫn số 1</a>"))
        #expect(vi.contains(">Định danh VNeID</a>"))
        // Still searchable: the titles are in the index.
        #expect(result.tree.files.keys.contains { $0.hasPrefix("search/vi/t-hu.") })
    }
}

@Suite struct SearchLinkTests {
    /// Every page's header links to its language's search page (a plain link: it works without
    /// JavaScript), with visible words beside the magnifier, and the footer does too.
    @Test func theHeaderAndFooterLinkToTheSearchPageInThePagesLanguage() throws {
        let (result, _) = TestSite.build()
        for (file, url, label) in [("index.html", "/tim-kiem/", "Tìm"), ("en/index.html", "/en/search/", "Search"),
                                   ("huong-dan/cai-dat-vneid/index.html", "/tim-kiem/", "Tìm")] {
            let html = try #require(result.text(file), "\(file)")
            let header = try #require(html.range(of: "<header").flatMap { h in html.range(of: "</header>", range: h.upperBound..<html.endIndex).map { html[h.lowerBound..<$0.upperBound] } })
            #expect(header.contains("<a class=\"search-link\" href=\"\(url)\">"), "\(file)")
            #expect(header.contains("<svg aria-hidden=\"true\""), "\(file)")
            #expect(header.contains("<span>\(label)</span></a>"), "\(file)")
            let footer = try #require(html.range(of: "<footer").map { html[$0.lowerBound...] })
            #expect(footer.contains("<a href=\"\(url)\">"), "\(file)")
        }
    }
}

@Suite struct SearchShardTests {
    /// 3 000 pages of "khẩu" and "kho bạc" (and a few "khi", and one "khaut"): the "kh" group is too large
    /// for one shard on a slow link, so a query for "khau" must download khau's postings and
    /// the syllables it begins, without kho's.
    @Test func aHotGroupIsSplitBySyllableAndAQueryFetchesOnlyItsSyllablesShard() {
        let index = SearchIndex.build(count: 3_000) { i in
            let title = i == 7 ? "khaut" : i % 100 == 0 ? "khi" : i % 2 == 0 ? "khẩu" : "kho bạc"
            return (SearchDocument(title: title), .init(url: "/p\(i)/", title: title, section: "", summary: ""))
        }
        let shards = Dictionary(uniqueKeysWithValues: index.shards.map { ($0.key, $0.file.text) })
        #expect(shards["kh"] == nil)
        let khau = shards["kh-khau"] ?? "", kho = shards["kh-kho"] ?? ""
        #expect(khau.contains("\"khau\":") && khau.contains("\"khaut\":") && !khau.contains("\"kho\":"))
        #expect(kho.contains("\"kho\":") && kho.contains("\"kho bac\":") && !kho.contains("\"khau\":"))
        // "khi" is small: the group's rest shard.
        #expect(shards["kh-"]?.contains("\"khi\":") == true)
        // A small group stays whole, under its two letters.
        #expect(shards["ba"]?.contains("\"bac\":") == true)
        #expect(ShardPlan.syllableKey("khau bac") == "khau" && ShardPlan.syllableKey("a日 b") == "a_")
        // The page names each shard by key, and the index's one version; the files are
        // t-<key>.<version>.json, so the page carries no per-file hash.
        let manifest = index.manifest(base: "/search/vi/", synonyms: [])
        #expect(manifest.contains("\"t\":\"") && manifest.contains(" kh-khau ") && manifest.contains("\"v\":\"\(index.version)\""))
        #expect(index.keysFile == nil && index.files.count == index.shards.count + index.chunks.count)
        #expect(index.shards.allSatisfy { $0.file.name == "t-\($0.key).\(index.version).json" })
        #expect(index.chunks.enumerated().allSatisfy { $0.element.name == "d-\($0.offset).\(index.version).json" })
    }

    /// The hot syllables of a split group are found without filtering every syllable against every
    /// hot one on each step: the same choice as that plain loop (kept here as the reference), on
    /// many random groups whose syllables begin one another.
    @Test func hotSyllablesAreThoseThePlainLoopChooses() {
        func reference(_ sizes: [String: Int]) -> Set<String> {
            func home(_ s: String, _ hot: [String]) -> String? { hot.filter { s.hasPrefix($0) }.max { $0.count < $1.count } }
            var hot = sizes.filter { $0.value > ShardPlan.ownAbove }.map(\.key)
            while true {
                let rest = sizes.filter { home($0.key, hot) == nil }
                guard rest.values.reduce(0, +) > ShardPlan.restLimit,
                      let next = rest.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { break }
                hot.append(next.key)
            }
            return Set(hot)
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var sizes: [String: Int] = [:]
            for _ in 0..<Int.random(in: 1...60, using: &rng) {
                let syllable = String((0..<Int.random(in: 1...4, using: &rng)).map { _ in "kha".randomElement(using: &rng)! })
                sizes[syllable] = [Int.random(in: 1...5_000, using: &rng), 700, 1_500].randomElement(using: &rng)!
            }
            let hot = ShardPlan.hotSyllables(sizes)
            #expect(hot == reference(sizes), "\(sizes)")
            for syllable in sizes.keys {
                let expected = hot.filter { syllable.hasPrefix($0) }.max { $0.count < $1.count }
                #expect(ShardPlan.home(of: syllable, hot: hot) == expected)
            }
        }
        #expect(ShardPlan.home(of: "kho", hot: ["", "k"]) == "k" && ShardPlan.home(of: "a", hot: [""]) == "")
    }

    /// On a large site the shard keys do not fit on the search page's budget: they move to a file of
    /// their own, which the manifest names instead, and the page's manifest stays small.
    @Test func manyShardKeysMoveToAFileTheManifestNames() throws {
        // 1 296 two-letter groups: their ~3.9 KB of keys still fit on the page; with a lower limit
        // (as a larger site's keys reach the real one) they move.
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var index = SearchIndex.build(count: 1_296) { i in
            let title = "\(letters[i % 36])\(letters[i / 36])x"
            return (SearchDocument(title: title), .init(url: "/p\(i)/", title: title, section: "", summary: ""))
        }
        #expect(index.shards.count == 1_296 && index.keysFile == nil)
        index.keysLimit = 1_000
        let file = try #require(index.keysFile)
        #expect(file.name == "k.\(index.version).json")
        #expect(file.text == JSON.string(index.shardKeys))
        #expect(index.files.last == file)
        let manifest = index.manifest(base: "/search/vi/", synonyms: [["atm", "the"]])
        #expect(manifest.contains("\"k\":\"k.\(index.version).json\"") && !manifest.contains("\"t\":"))
        #expect(manifest.utf8.count < 200)
    }
}
