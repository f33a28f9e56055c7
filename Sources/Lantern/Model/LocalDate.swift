/// A calendar date with no time zone (front matter `updated`, `date`, `as_of`).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Stored in 6 bytes, not three Ints (24): every guide, story and event keeps dates, inline in
    // its page (an event's two times were 112 bytes of each of 100 000 pages' details).
    private var storedYear: Int32
    private var storedMonth: UInt8
    private var storedDay: UInt8

    public var year: Int { get { Int(storedYear) } set { storedYear = Int32(clamping: newValue) } }
    public var month: Int { get { Int(storedMonth) } set { storedMonth = UInt8(clamping: newValue) } }
    public var day: Int { get { Int(storedDay) } set { storedDay = UInt8(clamping: newValue) } }

    public init(year: Int, month: Int, day: Int) {
        storedYear = Int32(clamping: year); storedMonth = UInt8(clamping: month); storedDay = UInt8(clamping: day)
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date (2025-02-30).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((daysSinceEpoch % 7) + 11) % 7 }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    public var iso: String { "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))" }
    public var description: String { iso }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    static func pad(_ n: Int, _ width: Int = 2) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// A moment with a known UTC offset. Event times without an offset are local time in
/// Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
public struct LocalDateTime: Sendable, Hashable, Comparable {
    public static let vietnamOffsetMinutes = 7 * 60

    public var date: LocalDate
    // 5 bytes, not four Ints (32): see `LocalDate`.
    private var storedHour: UInt8
    private var storedMinute: UInt8
    private var storedSecond: UInt8
    private var storedOffset: Int16
    public var hour: Int { get { Int(storedHour) } set { storedHour = UInt8(clamping: newValue) } }
    public var minute: Int { get { Int(storedMinute) } set { storedMinute = UInt8(clamping: newValue) } }
    public var second: Int { get { Int(storedSecond) } set { storedSecond = UInt8(clamping: newValue) } }
    /// Offset from UTC in minutes as written (or +420 when none was written).
    public var offsetMinutes: Int { get { Int(storedOffset) } set { storedOffset = Int16(clamping: newValue) } }

    public init(date: LocalDate, hour: Int, minute: Int, second: Int = 0, offsetMinutes: Int = vietnamOffsetMinutes) {
        self.date = date
        storedHour = UInt8(clamping: hour); storedMinute = UInt8(clamping: minute); storedSecond = UInt8(clamping: second)
        storedOffset = Int16(clamping: offsetMinutes)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` (a space instead of `T` is accepted).
    public init?(iso text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count >= 16 else { return nil }
        let sepIndex = t.index(t.startIndex, offsetBy: 10)
        guard t[sepIndex] == "T" || t[sepIndex] == " ", let date = LocalDate(iso: String(t[..<sepIndex])) else { return nil }
        var rest = Substring(t[t.index(after: sepIndex)...])
        var offset = Self.vietnamOffsetMinutes
        if rest.hasSuffix("Z") {
            offset = 0; rest = rest.dropLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let tz = rest[signIndex...]
            let digits = tz.dropFirst().split(separator: ":")
            guard digits.count == 2, let oh = Int(digits[0]), let om = Int(digits[1]), oh <= 14, om < 60 else { return nil }
            offset = (oh * 60 + om) * (tz.first == "-" ? -1 : 1)
            rest = rest[..<signIndex]
        }
        let hms = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 2 || hms.count == 3, hms.allSatisfy({ $0.count == 2 }),
              let h = Int(hms[0]), let m = Int(hms[1]), h < 24, m < 60 else { return nil }
        var s = 0
        if hms.count == 3 { guard let sec = Int(hms[2]), sec < 60 else { return nil }; s = sec }
        self.init(date: date, hour: h, minute: m, second: s, offsetMinutes: offset)
    }

    /// Seconds since the Unix epoch.
    public var epochSeconds: Int {
        date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
    }

    /// The same moment seen in Vietnam (UTC+7).
    public var inVietnam: LocalDateTime {
        let local = epochSeconds + Self.vietnamOffsetMinutes * 60
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secs = local - days * 86_400
        return LocalDateTime(date: LocalDate(daysSinceEpoch: days), hour: secs / 3600, minute: (secs % 3600) / 60,
                             second: secs % 60, offsetMinutes: Self.vietnamOffsetMinutes)
    }

    /// The same moment in UTC, as `YYYYMMDDTHHMMSSZ` (iCalendar).
    public var icsUTC: String {
        let seconds = epochSeconds
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rem = seconds - days * 86_400
        let d = LocalDate(daysSinceEpoch: days)
        return "\(LocalDate.pad(d.year, 4))\(LocalDate.pad(d.month))\(LocalDate.pad(d.day))T\(LocalDate.pad(rem / 3600))\(LocalDate.pad((rem % 3600) / 60))\(LocalDate.pad(rem % 60))Z"
    }

    public var hhmm: String { "\(LocalDate.pad(hour)):\(LocalDate.pad(minute))" }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.epochSeconds < b.epochSeconds }
}
