import Templates
/// The values every page's layout needs (title, language, menu, breadcrumbs, language switch…),
/// computed once per page. Templates receive plain values, never the domain model.
final class PageContext {
    let site: Site
    let language: Language
    let assets: AssetURLs
    /// The interface strings merged with their Vietnamese fallbacks, once per language (not per page).
    let strings: TemplateObject

    init(site: Site, language: Language, assets: AssetURLs) {
        self.site = site
        self.language = language
        self.assets = assets
        strings = site.strings.forLanguage(language).mapValues { $0 as any TemplateValue }
    }

    struct Crumb { var label: String; var url: String }

    func s(_ key: String) -> String { site.strings.string(key, language) }

    /// A menu target such as `/gioi-thieu/` in this language: the page's translation where there is one.
    func pageURL(_ target: String) -> String {
        guard target.hasPrefix("/") else { return target }
        if let page = site.menuPages[target] {
            return site.localized(page, language).page.url
        }
        return language.urlPrefix + target
    }

    /// The layout's values for one page.
    /// - Parameters:
    ///   - url: the page's site path, e.g. `/huong-dan/cai-dat-vneid/`
    ///   - alternates: the same page in every language that has it (language → path)
    func make(url: String, title: String, description: String, crumbs: [Crumb], alternates: [Language: String],
              image: String? = nil, illustrative: Bool = false, noindex: Bool = false) -> LayoutView {
        // The share card when the site has them; else (`share_cards: off`) the page's photo as it is.
        let card = assets.shareCards?.card(url: url, language: language)
        let config = site.config
        let siteTitle = config.title(language)
        let menu = config.menu.map { item -> LayoutView.MenuItem in
            let target = Section(rawValue: item.target).map { $0.url(language) } ?? pageURL(item.target)
            let current = url == target || (target != language.urlPrefix + "/" && url.hasPrefix(target))
            return .init(label: s(item.key), url: target, current: current)
        }
        let breadcrumbs = crumbs.isEmpty ? [] : ([Crumb(label: s("home"), url: language.urlPrefix + "/")] + crumbs).map {
            LinkView(name: $0.label, url: $0.url)
        }
        // hreflang alternates (only when there is more than one language version) and the visible switch.
        var links: [LayoutView.Alternate] = []
        for lang in config.languages.sorted() {
            if let path = alternates[lang] { links.append(.init(hreflang: lang.rawValue, href: config.absoluteURL(path))) }
        }
        if links.count > 1, let path = alternates[.default] {
            links.append(.init(hreflang: "x-default", href: config.absoluteURL(path)))
        } else if links.count <= 1 {
            links = []
        }
        let others = config.languages.sorted().filter { $0 != language }
        let languageSwitch = others.map { other -> LayoutView.LanguageLink in
            let label = site.strings.string("language_name", other)
            if let path = alternates[other] {
                return .init(label: label, url: path, lang: other.rawValue, available: true, missing: "")
            }
            return .init(label: label, url: other.urlPrefix + "/", lang: other.rawValue, available: false,
                         missing: site.strings.string("not_translated_switch", other))
        }
        return LayoutView(
            lang: language.rawValue, siteTitle: siteTitle, homeURL: language.urlPrefix + "/", title: title,
            headTitle: title == siteTitle ? title : "\(title) – \(siteTitle)",
            description: description.isEmpty ? config.description(language) : description,
            url: url, canonical: config.absoluteURL(url), cssURL: assets.stylesheet, inlineCSS: assets.inlineStylesheet, faviconURL: assets.favicon,
            strings: strings, illustrative: illustrative, noindex: noindex,
            ogImage: (card?.url ?? image).map { config.absoluteURL($0) }, ogImageWidth: card?.width, ogImageHeight: card?.height,
            ogImageAlt: card?.alt, ogLocale: language == .vi ? "vi_VN" : "en_US",
            menu: menu, breadcrumbs: breadcrumbs, alternates: links, languageSwitch: languageSwitch)
    }
}

/// Fingerprinted URLs of the theme's assets.
struct AssetURLs: Sendable {
    var stylesheet: String
    var favicon: String
    /// The stylesheet's gzip size, counted in the weight of every page that links it.
    var stylesheetGzipBytes: Int
    /// The stylesheet's text, for templates that inline it in a `<style>` element.
    var inlineStylesheet = ""
    /// Every page's `og:image` card (nil: none were made, as in `serve`).
    var shareCards: ShareCards? = nil
}
