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

    /// Pages of a kind in a language, in a stable order.
    func pages(_ kind: Page.Kind, _ language: Language) -> [Page] {
        pages.filter { $0.kind == kind && $0.language == language }
    }

    /// The translation of a page into another language, if there is one.
    func translation(of page: Page, in language: Language) -> Page? {
        translations[TranslationKey(key: page.translationKey, language: language)]
    }

    struct TranslationKey: Hashable { var key: String; var language: Language }
    var translations: [TranslationKey: Page] = [:]

    mutating func indexTranslations() {
        translations = [:]
        for page in pages { translations[TranslationKey(key: page.translationKey, language: page.language)] = page }
    }

    /// A page for a language: its own version, or the default language's as a fallback.
    func localized(_ page: Page, _ language: Language) -> (page: Page, isFallback: Bool) {
        if page.language == language { return (page, false) }
        if let t = translation(of: page, in: language) { return (t, false) }
        return (page, true)
    }
}
