/// Everything loaded from a site folder, before rendering.
public struct Site: Sendable {
    public var config: SiteConfig
    public var reference: ReferenceData
    public var pages: [Page]
    public var snapshots: [Snapshot]
    /// Files under content/ copied as-is (images…), as site-folder paths.
    public var contentAssets: [String]
    public var templates: TemplateSet
    public var strings: InterfaceStrings
    /// The build date: splits upcoming from past events.
    public var today: LocalDate

    /// Pages of a kind in a language, in a stable order (precomputed by `indexTranslations`).
    func pages(_ kind: Page.Kind, _ language: Language) -> [Page] {
        byKind[KindKey(kind: kind, language: language)] ?? []
    }

    /// A page with its details, so lists can read a guide's topics or an event's date without
    /// unwrapping.
    struct Item<Details> {
        let page: Page
        let details: Details
    }

    func guides(in language: Language) -> [Item<Page.Guide>] {
        pages(.guide, language).compactMap { page in page.guide.map { Item(page: page, details: $0) } }
    }
    func stories(in language: Language) -> [Item<Page.Story>] {
        pages(.story, language).compactMap { page in page.story.map { Item(page: page, details: $0) } }
    }
    func events(in language: Language) -> [Item<Page.Event>] {
        pages(.event, language).compactMap { page in page.event.map { Item(page: page, details: $0) } }
    }

    /// Default-language guides per topic id, in list order (weight, then file), each once.
    func guides(topic: String) -> [Page] { guidesByTopic[topic] ?? [] }

    struct KindKey: Hashable { var kind: Page.Kind; var language: Language }
    var byKind: [KindKey: [Page]] = [:]
    var guidesByTopic: [String: [Page]] = [:]
    /// The default-language pages the menu links to, by URL (such as `/gioi-thieu/`): only
    /// those, not every page (a table of every page was 6 MiB at 100 000 pages, for a few links).
    var menuPages: [String: Page] = [:]

    /// The translation of a page into another language, if there is one.
    func translation(of page: Page, in language: Language) -> Page? {
        self.page(key: page.translationKey, language)
    }

    /// The page with a translation key in a language.
    func page(key: String, _ language: Language) -> Page? {
        translations.position(key, language, in: pages).map { pages[$0] }
    }

    struct TranslationKey: Hashable { var key: String; var language: Language }
    var translations = TranslationIndex(capacity: 0)

    /// Builds the lookup tables every renderer uses; call again after pages change.
    mutating func indexTranslations() {
        translations = TranslationIndex(capacity: pages.count)
        byKind = [:]
        guidesByTopic = [:]
        menuPages = [:]
        let menuTargets = Set(config.menu.map(\.target).filter { $0.hasPrefix("/") })
        for (position, page) in pages.enumerated() {
            // A second page with the same key and language is an error reported at load
            // (`ContentLoader`); indexing it too would give the renderer two pages for one key.
            guard translations.insert(position, in: pages) else { continue }
            if page.language == .default && menuTargets.contains(page.url) { menuPages[page.url] = page }
            byKind[KindKey(kind: page.kind, language: page.language), default: []].append(page)
            if page.language == .default {
                Self.eachTopicOnce(of: page) { guidesByTopic[$0, default: []].append(page) }
            }
        }
        // `weight` orders pages within their lists: weighted pages first, lower weight first; the
        // rest keep file order (a stable sort, so equal weights keep it too).
        func byWeight(_ pages: [Page]) -> [Page] {
            guard pages.contains(where: { $0.weight != 0 }) else { return pages }
            return pages.enumerated().sorted {
                ($0.element.weight == 0 ? 1 : 0, $0.element.weight, $0.offset) < ($1.element.weight == 0 ? 1 : 0, $1.element.weight, $1.offset)
            }.map(\.element)
        }
        byKind = byKind.mapValues(byWeight)
        guidesByTopic = guidesByTopic.mapValues(byWeight)
    }

    /// Puts `new` where the page read from the same file is, in `pages` and in every lookup table,
    /// when the tables are keyed on nothing that differs between them (an edit to a title, a date,
    /// a body: not to a URL, a translation key, a weight or a guide's topics). Returns false,
    /// changing nothing, otherwise (or when the file had no page): then the tables must be made
    /// again (`indexTranslations`).
    mutating func replace(with new: Page) -> Bool {
        guard let at = Self.position(of: new.sourcePath, in: pages), case let old = pages[at],
              old.translationKey == new.translationKey, old.language == new.language,
              old.kind == new.kind, old.url == new.url, old.weight == new.weight, old.draft == new.draft,
              old.topics == new.topics,
              translations.position(old.translationKey, old.language, in: pages) == at else { return false }
        // The translation index holds positions: the new page is found where the old one was.
        pages[at] = new
        func swap(_ list: inout [Page]) {
            if let i = list.firstIndex(where: { $0 === old }) { list[i] = new }
        }
        swap(&byKind[KindKey(kind: old.kind, language: old.language), default: []])
        if old.language == .default {
            if menuPages[old.url] === old { menuPages[old.url] = new }
            for topic in Set(old.topics) { swap(&guidesByTopic[topic, default: []]) }
        }
        return true
    }

    /// Each topic's guides among `guides`, in their order, at most `limit` per topic; a guide that
    /// names a topic twice is listed once. One pass: filtering every guide per topic was topics ×
    /// guides, each copying the guide's details.
    static func byTopic(_ guides: [Page], limit: Int = .max) -> [String: [Page]] {
        var byTopic: [String: [Page]] = [:]
        for page in guides {
            eachTopicOnce(of: page) { topic in
                if byTopic[topic, default: []].count < limit { byTopic[topic, default: []].append(page) }
            }
        }
        return byTopic
    }

    /// Calls `body` with each topic a guide names (none for another page), once each, in order.
    private static func eachTopicOnce(of page: Page, _ body: (String) -> Void) {
        let topics = page.topics
        for (i, topic) in topics.enumerated() where !topics[..<i].contains(topic) { body(topic) }
    }

    /// Where the page read from `path` is in `pages` (kept in path order), by binary search.
    static func position(of path: String, in pages: [Page]) -> Int? {
        var low = 0, high = pages.count
        while low < high {
            let mid = (low + high) / 2
            if pages[mid].sourcePath < path { low = mid + 1 } else { high = mid }
        }
        return low < pages.count && pages[low].sourcePath == path ? low : nil
    }

    /// A page for a language: its own version, or the default language's as a fallback.
    func localized(_ page: Page, _ language: Language) -> (page: Page, isFallback: Bool) {
        if page.language == language { return (page, false) }
        if let t = translation(of: page, in: language) { return (t, false) }
        return (page, true)
    }
}
