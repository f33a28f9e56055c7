import Templates
/// Dates and numbers as each language writes them: "Thứ Bảy, 29/11/2025" and "12.840" in
/// Vietnamese; "Saturday, 29 November 2025" and "12,840" in English.
enum Format {
    private static let viWeekdays = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
    private static let enWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let enMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                   "September", "October", "November", "December"]

    /// "29/11/2025" or "29 November 2025".
    static func date(_ d: LocalDate, _ language: Language) -> String {
        switch language {
        case .vi: return "\(LocalDate.pad(d.day))/\(LocalDate.pad(d.month))/\(d.year)"
        case .en: return "\(d.day) \(enMonths[d.month - 1]) \(d.year)"
        }
    }

    /// "Thứ Bảy, 29/11/2025" or "Saturday, 29 November 2025".
    static func longDate(_ d: LocalDate, _ language: Language) -> String {
        let weekday = language == .vi ? viWeekdays[d.weekday] : enWeekdays[d.weekday]
        return "\(weekday), \(date(d, language))"
    }

    /// "Thứ Bảy, 29/11/2025, 08:00–11:00" (or spanning days: "… 08:00 – Chủ Nhật, 30/11/2025, 11:00").
    static func eventTime(_ timing: Page.Event.Timing, _ language: Language, allDayLabel: String) -> String {
        switch timing {
        case .allDay(let d):
            return "\(longDate(d, language)) (\(allDayLabel))"
        case .timed(let start, let end):
            let s = start.inVietnam, e = end.inVietnam
            if s.date == e.date { return "\(longDate(s.date, language)), \(s.hhmm)–\(e.hhmm)" }
            return "\(longDate(s.date, language)), \(s.hhmm) – \(longDate(e.date, language)), \(e.hhmm)"
        }
    }

    /// 12840 → "12.840" (vi) or "12,840" (en).
    static func number(_ n: Int, _ language: Language) -> String {
        let separator: Character = language == .vi ? "." : ","
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// 70.25 → "70,3%" (vi) or "70.3%" (en); whole numbers lose the decimal.
    /// "70,2%": cut (never rounded up) to tenths, so 3 380 of 3 381 reads 99,9%, not a 100% that
    /// was not reached.
    static func percent(_ value: Double, _ language: Language) -> String {
        let tenths = Int((value * 10 + 1e-9).rounded(.down))
        let whole = tenths / 10, fraction = tenths % 10
        let mark = language == .vi ? "," : "."
        return fraction == 0 ? "\(whole)%" : "\(whole)\(mark)\(fraction)%"
    }

    /// XML / HTML text escaping.
    static func escape(_ s: String) -> String { HTML.escape(s) }
}
