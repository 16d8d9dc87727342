var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/chinese-days/dist/index.min.js
var require_index_min = __commonJS({
  "node_modules/chinese-days/dist/index.min.js"(exports, module) {
    (function(l, u) {
      typeof exports == "object" && typeof module < "u" ? u(exports) : typeof define == "function" && define.amd ? define(["exports"], u) : (l = typeof globalThis < "u" ? globalThis : l || self, u(l.chineseDays = {}));
    })(exports, function(l) {
      "use strict";
      var yt = Object.defineProperty;
      var wt = (l2, u2, h2) => u2 in l2 ? yt(l2, u2, { enumerable: true, configurable: true, writable: true, value: h2 }) : l2[u2] = h2;
      var g = (l2, u2, h2) => wt(l2, typeof u2 != "symbol" ? u2 + "" : u2, h2);
      const _ = class _2 {
        constructor(t) {
          g(this, "_date");
          if (t instanceof _2) this._date = new Date(t.toDate());
          else if (t instanceof Date) this._date = new Date(t);
          else if (typeof t == "string" || typeof t == "number") if (typeof t == "string") {
            const e = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
            e ? this._date = new Date(Date.UTC(parseInt(e[1], 10), parseInt(e[2], 10) - 1, parseInt(e[3], 10))) : isNaN(new Date(t).getTime()) ? this._date = new Date(t.replace(/-/g, "/")) : this._date = new Date(t);
          } else this._date = new Date(t);
          else this._date = /* @__PURE__ */ new Date();
        }
        toDate() {
          return this._date;
        }
        isValid() {
          return !isNaN(this._date.getTime());
        }
        diff(t, e = "day") {
          const a = new _2(t).toDate(), n = this._date.getTime() - a.getTime();
          switch (e) {
            case "year":
              return this._date.getFullYear() - a.getFullYear();
            case "month":
              return (this._date.getFullYear() - a.getFullYear()) * 12 + (this._date.getMonth() - a.getMonth());
            case "day":
            default:
              return Math.floor(n / (1e3 * 60 * 60 * 24));
          }
        }
        startOf(t) {
          const e = new Date(this._date);
          switch (t) {
            case "year":
              e.setMonth(0), e.setDate(1), e.setHours(0, 0, 0, 0);
              break;
            case "month":
              e.setDate(1), e.setHours(0, 0, 0, 0);
              break;
            case "day":
              e.setHours(0, 0, 0, 0);
              break;
          }
          return new _2(e);
        }
        endOf(t) {
          const e = new Date(this._date);
          switch (t) {
            case "year":
              e.setMonth(11), e.setDate(31), e.setHours(23, 59, 59, 999);
              break;
            case "month":
              e.setDate(new Date(e.getFullYear(), e.getMonth() + 1, 0).getDate()), e.setHours(23, 59, 59, 999);
              break;
            case "day":
              e.setHours(23, 59, 59, 999);
              break;
          }
          return new _2(e);
        }
        add(t, e) {
          const a = new Date(this._date);
          switch (e) {
            case "year":
              a.setFullYear(a.getFullYear() + t);
              break;
            case "month":
              a.setMonth(a.getMonth() + t);
              break;
            case "day":
              a.setDate(a.getDate() + t);
              break;
          }
          return new _2(a);
        }
        subtract(t, e) {
          return this.add(-t, e);
        }
        format(t) {
          const e = { YYYY: this._date.getFullYear(), MM: (this._date.getMonth() + 1).toString().padStart(2, "0"), DD: this._date.getDate().toString().padStart(2, "0"), HH: this._date.getHours().toString().padStart(2, "0"), mm: this._date.getMinutes().toString().padStart(2, "0"), ss: this._date.getSeconds().toString().padStart(2, "0"), dddd: _2.daysOfWeek[this._date.getDay()] };
          return t.replace(/YYYY|MM|DD|HH|mm|ss|dddd/g, (a) => e[a].toString());
        }
        year(t) {
          if (t === void 0) return this._date.getFullYear();
          const e = new Date(this._date);
          return e.setFullYear(t), new _2(e);
        }
        month(t) {
          if (t === void 0) return this._date.getMonth();
          const e = new Date(this._date);
          return e.setMonth(t), new _2(e);
        }
        date(t) {
          if (t === void 0) return this._date.getDate();
          const e = new Date(this._date);
          return e.setDate(t), new _2(e);
        }
        day(t) {
          if (t === void 0) return this._date.getDay();
          {
            const e = this._date.getDay(), a = t - e, n = new Date(this._date);
            return n.setDate(this._date.getDate() + a), new _2(n);
          }
        }
        isBefore(t) {
          const e = new _2(t).toDate();
          return this._date.getTime() < e.getTime();
        }
        isAfter(t) {
          const e = new _2(t).toDate();
          return this._date.getTime() > e.getTime();
        }
        isSame(t, e = "day") {
          const a = new _2(t).toDate();
          switch (e) {
            case "year":
              return this._date.getFullYear() === a.getFullYear();
            case "month":
              return this._date.getFullYear() === a.getFullYear() && this._date.getMonth() === a.getMonth();
            case "day":
            default:
              return this._date.getFullYear() === a.getFullYear() && this._date.getMonth() === a.getMonth() && this._date.getDate() === a.getDate();
          }
        }
        isBetween(t, e, a) {
          const n = new _2(t).startOf(a).toDate(), s = new _2(e).endOf(a).toDate(), o = this.toDate();
          return o >= n && o <= s;
        }
      };
      g(_, "daysOfWeek", ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]);
      let u = _;
      const h = (r2) => new u(r2), w = (r2) => h(r2).startOf("day"), p = (r2, t) => {
        r2 = w(r2), t = w(t);
        const e = t.diff(r2, "day");
        return Array.from({ length: e + 1 }, (a, n) => r2.add(n, "day"));
      }, J = { 1999: { "New Year's Day,\u5143\u65E6": 1, "Spring Festival,\u6625\u8282": 3, "Labour Day,\u52B3\u52A8\u8282": 3, "National Day,\u56FD\u5E86\u8282": 3 }, 2008: { "Tomb-sweeping Day,\u6E05\u660E": 1, "Labour Day,\u52B3\u52A8\u8282": 1, "Dragon Boat Festival,\u7AEF\u5348": 1, "Mid-autumn Festival,\u4E2D\u79CB": 1 }, 2015: { "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5": 1 }, 2025: { "Spring Festival,\u6625\u8282": 4, "Labour Day,\u52B3\u52A8\u8282": 2 } };
      class K {
        constructor() {
          g(this, "dayDetails", {});
          g(this, "holidays", {});
          g(this, "workdays", {});
          g(this, "inLieuDays", {});
        }
        y(t) {
          return this.dayDetails.year = t, this;
        }
        getHolidayDays(t, e) {
          let a = 0;
          for (const [n, s] of Object.entries(J)) {
            if (parseInt(n) > t) break;
            s[e] !== void 0 && (a = s[e]);
          }
          return a;
        }
        mark(t) {
          return this.dayDetails.holiday = t, this;
        }
        save(t, e, a) {
          if (!this.dayDetails.year) throw new Error("should set year before saving holiday");
          if (!this.dayDetails.holiday) throw new Error("should set holiday before saving holiday");
          this.dayDetails.month = t, this.dayDetails.day = e, this.dayDetails.dayType = a;
          const n = h(`${this.dayDetails.year}-${t}-${e}`).format("YYYY-MM-DD"), s = this.getHolidayDays(this.dayDetails.year, this.dayDetails.holiday), o = `${this.dayDetails.holiday},${s}`;
          return a === 2 ? this.holidays[n] = o : a === 1 ? this.workdays[n] = o : a === 3 && (this.inLieuDays[n] = o), this;
        }
        to(t, e) {
          if (!this.dayDetails.holiday || !this.dayDetails.year || !this.dayDetails.month || !this.dayDetails.day) throw new Error("should set year/month/day before saving holiday range");
          const a = h(`${this.dayDetails.year}-${this.dayDetails.month}-${this.dayDetails.day}`), n = h(`${this.dayDetails.year}-${t}-${e}`);
          if (n.isBefore(a) || n.isSame(a)) throw new Error("end date should be after start date");
          const s = this.getHolidayDays(this.dayDetails.year, this.dayDetails.holiday), o = `${this.dayDetails.holiday},${s}`, d = n.diff(a, "day");
          for (let i = 1; i <= d; i++) {
            const y = a.add(i, "day").format("YYYY-MM-DD");
            this.dayDetails.dayType === 2 ? this.holidays[y] = o : this.dayDetails.dayType === 1 ? this.workdays[y] = o : this.dayDetails.dayType === 3 && (this.inLieuDays[y] = o);
          }
          return this;
        }
        w(t, e) {
          return this.save(t, e, 1);
        }
        r(t, e) {
          return this.save(t, e, 2);
        }
        i(t, e) {
          return this.save(t, e, 3);
        }
        ny() {
          return this.mark("New Year's Day,\u5143\u65E6");
        }
        s() {
          return this.mark("Spring Festival,\u6625\u8282");
        }
        t() {
          return this.mark("Tomb-sweeping Day,\u6E05\u660E");
        }
        l() {
          return this.mark("Labour Day,\u52B3\u52A8\u8282");
        }
        d() {
          return this.mark("Dragon Boat Festival,\u7AEF\u5348");
        }
        n() {
          return this.mark("National Day,\u56FD\u5E86\u8282");
        }
        m() {
          return this.mark("Mid-autumn Festival,\u4E2D\u79CB");
        }
        a() {
          return this.mark("Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5");
        }
      }
      const Q = () => {
        const r2 = new K();
        return r2.y(2026).ny().r(1, 1).to(1, 3).w(1, 4).i(1, 2).s().r(2, 15).to(2, 23).w(2, 14).w(2, 28).i(2, 20).i(2, 23).t().r(4, 4).to(4, 6).l().r(5, 1).to(5, 5).w(5, 9).i(5, 5).d().r(6, 19).to(6, 21).m().r(9, 25).to(9, 27).n().r(10, 1).to(10, 7).w(9, 20).w(10, 10).i(10, 6).i(10, 7), r2.y(2025).ny().r(1, 1).s().r(1, 28).to(2, 4).w(1, 26).w(2, 8).i(2, 3).i(2, 4).t().r(4, 4).to(4, 6).l().r(5, 1).to(5, 5).w(4, 27).i(5, 5).d().r(5, 31).to(6, 2).n().r(10, 1).to(10, 8).w(9, 28).w(10, 11).i(10, 7).i(10, 8).m().r(10, 6), r2.y(2024).ny().r(1, 1).s().r(2, 10).to(2, 17).w(2, 4).w(2, 18).i(2, 15).to(2, 16).t().r(4, 4).to(4, 6).w(4, 7).i(4, 5).l().r(5, 1).to(5, 5).w(4, 28).w(5, 11).i(5, 2).to(5, 3).d().r(6, 10).m().r(9, 15).to(9, 17).w(9, 14).i(9, 16).n().r(10, 1).to(10, 7).w(9, 29).w(10, 12).i(10, 4).i(10, 7), r2.y(2023).ny().r(1, 1).to(1, 2).s().r(1, 21).to(1, 27).w(1, 28).to(1, 29).i(1, 26).to(1, 27).t().r(4, 5).l().r(4, 29).to(5, 3).w(4, 23).w(5, 6).i(5, 2).to(5, 3).d().r(6, 22).to(6, 24).w(6, 25).i(6, 23).m().r(9, 29).n().r(9, 30).to(10, 6).w(10, 7).to(10, 8).i(10, 5).to(10, 6), r2.y(2022).ny().r(1, 1).to(1, 3).s().r(1, 31).to(2, 6).w(1, 29).w(1, 30).i(2, 3).to(2, 4).t().r(4, 3).to(4, 5).w(4, 2).i(4, 4).l().r(4, 30).to(5, 4).w(4, 24).w(5, 7).i(5, 3).to(5, 4).d().r(6, 3).to(6, 5).m().r(9, 10).to(9, 12).n().r(10, 1).to(10, 7).w(10, 8).w(10, 9).i(10, 6).to(10, 7).ny().r(12, 31), r2.y(2021).ny().r(1, 1).to(1, 3).s().r(2, 11).to(2, 17).w(2, 7).w(2, 20).i(2, 16).to(2, 17).t().r(4, 3).to(4, 5).l().r(5, 1).to(5, 5).w(4, 25).w(5, 8).i(5, 4).to(5, 5).d().r(6, 12).to(6, 14).m().r(9, 19).to(9, 21).w(9, 18).i(9, 20).n().r(10, 1).to(10, 7).w(9, 26).w(10, 9).i(10, 6).to(10, 7), r2.y(2020).ny().r(1, 1).s().r(1, 24).to(2, 2).w(1, 19).i(1, 29).t().r(4, 4).to(4, 6).l().r(5, 1).to(5, 5).w(4, 26).w(5, 9).i(5, 4).to(5, 5).d().r(6, 25).to(6, 27).w(6, 28).i(6, 26).n().r(10, 1).to(10, 8).w(9, 27).w(10, 10).i(10, 7).to(10, 8), r2.y(2019).ny().r(1, 1).s().r(2, 4).to(2, 10).w(2, 2).to(2, 3).i(2, 4).i(2, 8).t().r(4, 5).to(4, 7).l().r(5, 1).to(5, 4).w(4, 28).w(5, 5).i(5, 2).i(5, 3).d().r(6, 7).to(6, 9).m().r(9, 13).to(9, 15).n().r(10, 1).to(10, 7).w(9, 29).w(10, 12).i(10, 4).i(10, 7), r2.y(2018).ny().r(1, 1).s().r(2, 15).to(2, 21).w(2, 11).w(2, 24).i(2, 19).to(2, 21).t().r(4, 5).to(4, 7).w(4, 8).i(4, 6).l().r(4, 29).to(5, 1).w(4, 28).i(4, 30).d().r(6, 18).n().r(10, 1).to(10, 7).w(9, 29).to(9, 30).i(10, 4).to(10, 5).m().r(9, 24).ny().r(12, 30).to(12, 31).w(12, 29).i(12, 31), r2.y(2017).ny().r(1, 1).to(1, 2).s().r(1, 27).to(2, 2).w(1, 22).w(2, 4).i(2, 1).to(2, 2).t().r(4, 2).to(4, 4).w(4, 1).i(4, 3).l().r(5, 1).d().r(5, 28).to(5, 30).w(5, 27).i(5, 29).n().r(10, 1).to(10, 8).w(9, 30).i(10, 6).m().r(10, 4), r2.y(2016).ny().r(1, 1).s().r(2, 7).to(2, 13).w(2, 6).w(2, 14).i(2, 11).to(2, 12).t().r(4, 4).l().r(5, 1).to(5, 2).d().r(6, 9).to(6, 11).w(6, 12).i(6, 10).m().r(9, 15).to(9, 17).w(9, 18).i(9, 16).n().r(10, 1).to(10, 7).w(10, 8).to(10, 9).i(10, 6).to(10, 7), r2.y(2015).ny().r(1, 1).to(1, 3).w(1, 4).i(1, 2).s().r(2, 18).to(2, 24).w(2, 15).w(2, 28).i(2, 23).to(2, 24).t().r(4, 5).to(4, 6).l().r(5, 1).d().r(6, 20).r(6, 22).m().r(9, 27).n().r(10, 1).to(10, 7).w(10, 10).i(10, 7).a().r(9, 3).to(9, 4).w(9, 6).i(9, 4), r2.y(2014).ny().r(1, 1).s().r(1, 31).to(2, 6).w(1, 26).w(2, 8).i(2, 5).to(2, 6).t().r(4, 5).to(4, 7).l().r(5, 1).to(5, 3).w(5, 4).i(5, 2).d().r(6, 2).m().r(9, 8).n().r(10, 1).to(10, 7).w(9, 28).w(10, 11).i(10, 6).to(10, 7), r2.y(2013).ny().r(1, 1).to(1, 3).w(1, 5).to(1, 6).i(1, 2).to(1, 3).s().r(2, 9).to(2, 15).w(2, 16).to(2, 17).i(2, 14).to(2, 15).t().r(4, 4).to(4, 6).w(4, 7).i(4, 5).l().r(4, 29).to(5, 1).w(4, 27).to(4, 28).i(4, 29).to(4, 30).d().r(6, 10).to(6, 12).w(6, 8).to(6, 9).i(6, 10).to(6, 11).m().r(9, 19).to(9, 21).w(9, 22).i(9, 20).n().r(10, 1).to(10, 7).w(9, 29).w(10, 12).i(10, 4).i(10, 7), r2.y(2012).ny().r(1, 1).to(1, 3).i(1, 3).s().r(1, 22).to(1, 28).w(1, 21).w(1, 29).i(1, 26).to(1, 27).t().r(4, 2).to(4, 4).w(3, 31).w(4, 1).i(4, 2).to(4, 3).l().r(4, 29).to(5, 1).w(4, 28).i(4, 30).d().r(6, 22).r(6, 24).m().r(9, 30).n().r(10, 1).to(10, 7).w(9, 29).i(10, 5), r2.y(2011).ny().r(1, 1).to(1, 3).s().r(2, 2).to(2, 8).w(1, 30).w(2, 12).i(2, 7).to(2, 8).t().r(4, 3).to(4, 5).w(4, 2).i(4, 4).l().r(4, 30).to(5, 2).d().r(6, 4).r(6, 6).m().r(9, 10).to(9, 12).n().r(10, 1).to(10, 7).w(10, 8).to(10, 9).i(10, 6).to(10, 7).ny().w(12, 31), r2.y(2010).ny().r(1, 1).to(1, 3).s().r(2, 13).to(2, 19).w(2, 20).to(2, 21).i(2, 18).to(2, 19).t().r(4, 3).to(4, 5).l().r(5, 1).to(5, 3).d().r(6, 14).to(6, 16).w(6, 12).to(6, 13).i(6, 14).to(6, 15).m().r(9, 22).to(9, 24).w(9, 19).w(9, 25).i(9, 23).to(9, 24).n().r(10, 1).to(10, 7).w(9, 26).w(10, 9).i(10, 6).to(10, 7), r2.y(2009).ny().r(1, 1).to(1, 3).w(1, 4).i(1, 2).s().r(1, 25).to(1, 31).w(1, 24).w(2, 1).i(1, 29).to(1, 30).t().r(4, 4).to(4, 6).l().r(5, 1).to(5, 3).d().r(5, 28).to(5, 30).w(5, 31).i(5, 29).n().r(10, 1).to(10, 8).w(9, 27).w(10, 10).i(10, 7).to(10, 8).m().r(10, 3), r2.y(2008).ny().r(1, 1).s().r(2, 6).to(2, 12).w(2, 2).to(2, 3).i(2, 11).to(2, 12).t().r(4, 4).to(4, 6).l().r(5, 1).to(5, 3).w(5, 4).i(5, 2).d().r(6, 7).to(6, 9).m().r(9, 13).to(9, 15).n().r(9, 29).to(10, 5).w(9, 27).to(9, 28).i(9, 29).to(9, 30), r2.y(2007).ny().r(1, 1).to(1, 3).i(1, 2).to(1, 3).s().r(2, 18).to(2, 24).w(2, 17).w(2, 25).i(2, 22).to(2, 23).l().r(5, 1).to(5, 7).w(4, 28).to(4, 29).i(5, 4).i(5, 7).n().r(10, 1).to(10, 7).w(9, 29).to(9, 30).i(10, 4).to(10, 5).ny().r(12, 30).to(12, 31).w(12, 29).i(12, 31), r2.y(2006).ny().r(1, 1).to(1, 3).s().r(1, 29).to(2, 4).w(1, 28).w(2, 5).i(2, 2).to(2, 3).l().r(5, 1).to(5, 7).w(4, 29).to(4, 30).i(5, 4).to(5, 5).n().r(10, 1).to(10, 7).w(9, 30).w(10, 8).i(10, 5).to(10, 6).ny().w(12, 30).to(12, 31), r2.y(2005).ny().r(1, 1).to(1, 3).s().r(2, 9).to(2, 15).w(2, 5).to(2, 6).i(2, 14).to(2, 15).l().r(5, 1).to(5, 7).w(4, 30).w(5, 8).i(5, 5).to(5, 6).n().r(10, 1).to(10, 7).w(10, 8).to(10, 9).i(10, 6).to(10, 7), r2.y(2004).ny().r(1, 1).s().r(1, 22).to(1, 28).w(1, 17).to(1, 18).i(1, 27).to(1, 28).l().r(5, 1).to(5, 7).w(5, 8).to(5, 9).i(5, 6).to(5, 7).n().r(10, 1).to(10, 7).w(10, 9).to(10, 10).i(10, 6).to(10, 7), { holidays: r2.holidays, workdays: r2.workdays, inLieuDays: r2.inLieuDays };
      }, { holidays: b, workdays: k, inLieuDays: X } = Q(), f = (r2) => {
        const t = w(r2);
        if (!t.isValid()) throw new Error(`unsupported type ${typeof r2}, expected type is Date or Dayjs`);
        return t;
      }, F = (r2) => !D(r2), D = (r2) => {
        const t = f(r2), e = t.day(), a = t.format("YYYY-MM-DD");
        return !!(k[a] || e >= 1 && e <= 5 && !b[a]);
      }, B = (r2) => {
        const t = f(r2);
        return !!X[t.format("YYYY-MM-DD")];
      }, I = (r2) => {
        const t = f(r2), e = t.format("YYYY-MM-DD");
        if (k[e]) return { date: e, work: true, name: k[e] };
        if (b[e]) return { date: e, work: false, name: b[e] };
        {
          const a = t.day();
          return { date: e, work: a !== 0 && a !== 6, name: t.format("dddd") };
        }
      }, C = (r2, t, e = true) => {
        const a = f(r2), n = f(t);
        return e ? p(a, n).filter(F).map((s) => s.format("YYYY-MM-DD")) : p(a, n).filter((s) => b[s.format("YYYY-MM-DD")]).map((s) => s.format("YYYY-MM-DD"));
      }, j = (r2, t, e = true) => {
        const a = f(r2), n = f(t);
        return e ? p(a, n).filter(D).map((s) => s.format("YYYY-MM-DD")) : p(a, n).filter((s) => D(s) && s.day() >= 1 && s.day() <= 5).map((s) => s.format("YYYY-MM-DD"));
      }, U = (r2 = 0, t = h()) => {
        if (t = w(t), r2 === 0) {
          if (D(t)) return t.format("YYYY-MM-DD");
          r2 = 1;
        }
        const e = r2 > 0 ? 1 : -1;
        let a = Math.abs(r2);
        for (; a > 0; ) t = t.add(e, "day"), D(t) && a--;
        return t.format("YYYY-MM-DD");
      }, tt = Object.freeze(Object.defineProperty({ __proto__: null, findWorkday: U, getDayDetail: I, getHolidaysInRange: C, getWorkdaysInRange: j, isHoliday: F, isInLieu: B, isWorkday: D }, Symbol.toStringTag, { value: "Module" })), et = { the_beginning_of_spring: [4.6295, 3.87], rain_water: [19.4599, 18.73], the_waking_of_insects: [6.3926, 5.63], the_spring_equinox: [21.4155, 20.646], pure_brightness: [5.59, 4.81], grain_rain: [20.888, 20.1], the_beginning_of_summer: [6.318, 5.52], lesser_fullness_of_grain: [21.86, 21.04], grain_in_beard: [6.5, 5.678], the_summer_solstice: [22.2, 21.37], lesser_heat: [7.928, 7.108], greater_heat: [23.65, 22.83], the_beginning_of_autumn: [28.35, 7.5], the_end_of_heat: [23.95, 23.13], white_dew: [8.44, 7.646], the_autumn_equinox: [23.822, 23.042], code_dew: [9.098, 8.318], frost_descent: [24.218, 23.438], the_beginning_of_winter: [8.218, 7.438], lesser_snow: [23.08, 22.36], greater_snow: [7.9, 7.18], the_winter_solstice: [22.6, 21.94], lesser_cold: [6.11, 5.4055], greater_cold: [20.84, 20.12] }, P = { 1: ["lesser_cold", "greater_cold"], 2: ["the_beginning_of_spring", "rain_water"], 3: ["the_waking_of_insects", "the_spring_equinox"], 4: ["pure_brightness", "grain_rain"], 5: ["the_beginning_of_summer", "lesser_fullness_of_grain"], 6: ["grain_in_beard", "the_summer_solstice"], 7: ["lesser_heat", "greater_heat"], 8: ["the_beginning_of_autumn", "the_end_of_heat"], 9: ["white_dew", "the_autumn_equinox"], 10: ["code_dew", "frost_descent"], 11: ["the_beginning_of_winter", "lesser_snow"], 12: ["greater_snow", "the_winter_solstice"] }, rt = { "2026_rain_water": -1, "2084_the_spring_equinox": 1, "1911_the_beginning_of_summer": 1, "2008_lesser_fullness_of_grain": 1, "1902_grain_in_beard": 1, "1928_the_summer_solstice": 1, "1925_lesser_heat": 1, "2016_lesser_heat": 1, "1922_greater_heat": 1, "2002_the_beginning_of_autumn": 1, "1927_white_dew": 1, "1942_the_autumn_equinox": 1, "2089_frost_descent": 1, "2089_the_beginning_of_winter": 1, "1978_lesser_snow": 1, "1954_greater_snow": 1, "1918_the_winter_solstice": -1, "2021_the_winter_solstice": -1, "1982_lesser_cold": 1, "2019_lesser_cold": -1, "2000_greater_cold": 1, "2082_greater_cold": 1 }, W = { lesser_cold: "\u5C0F\u5BD2", greater_cold: "\u5927\u5BD2", the_beginning_of_spring: "\u7ACB\u6625", rain_water: "\u96E8\u6C34", the_waking_of_insects: "\u60CA\u86F0", the_spring_equinox: "\u6625\u5206", pure_brightness: "\u6E05\u660E", grain_rain: "\u8C37\u96E8", the_beginning_of_summer: "\u7ACB\u590F", lesser_fullness_of_grain: "\u5C0F\u6EE1", grain_in_beard: "\u8292\u79CD", the_summer_solstice: "\u590F\u81F3", lesser_heat: "\u5C0F\u6691", greater_heat: "\u5927\u6691", the_beginning_of_autumn: "\u7ACB\u79CB", the_end_of_heat: "\u5904\u6691", white_dew: "\u767D\u9732", the_autumn_equinox: "\u79CB\u5206", code_dew: "\u5BD2\u9732", frost_descent: "\u971C\u964D", the_beginning_of_winter: "\u7ACB\u51AC", lesser_snow: "\u5C0F\u96EA", greater_snow: "\u5927\u96EA", the_winter_solstice: "\u51AC\u81F3" }, S = (r2, t, e) => {
        const a = r2 >= 2e3 ? 21 : 20, n = r2 % 100, s = 0.2422, o = et[e][a === 21 ? 1 : 0];
        let d = Math.floor(n / 4);
        ["lesser_cold", "greater_cold", "the_beginning_of_spring", "rain_water"].includes(e) && (d = Math.floor((n - 1) / 4));
        let i = Math.floor(n * s + o) - d;
        const y = rt[`${r2}_${e}`];
        return y && (i += y), h(`${r2}-${t}-${i}`).format("YYYY-MM-DD");
      }, q = (r2, t) => {
        const e = [];
        let a = w(r2);
        const n = w(t || r2);
        for (; a.isBefore(n) || a.isSame(n); ) {
          const s = a.year(), o = a.month() + 1;
          P[o].forEach((d) => {
            const i = h(S(s, o, d));
            (i != null && i.isBefore(n) || i != null && i.isSame(n)) && (i != null && i.isAfter(a) || i != null && i.isSame(a)) && e.push({ date: i.format("YYYY-MM-DD"), term: d, name: W[d], index: 1 });
          }), a = o === 12 ? a.add(1, "year").startOf("year") : a.add(1, "month").startOf("month");
        }
        return e;
      }, T = (r2, t) => {
        let e = w(r2).subtract(1, "month");
        const a = w(t || r2).add(1, "month"), n = [];
        for (; e.isBefore(a) || e.isSame(a); ) {
          const o = e.year(), d = e.month() + 1;
          P[d].forEach((i) => {
            const y = h(S(o, d, i));
            n.push({ term: i, date: y });
          }), e.month() === 11 ? e = e.add(1, "year").startOf("year") : e = e.add(1, "month").startOf("month");
        }
        const s = [];
        return n.forEach((o, d) => {
          for (let i = o.date; n[d + 1] && i.isBefore(n[d + 1].date); i = i.add(1, "day")) s.push({ day: i, term: o.term, name: W[o.term], index: i.diff(o.date, "day") + 1 });
        }), t || (t = r2), s.filter((o) => o.day.isBetween(r2, t, "day")).map((o) => ({ date: o.day.format("YYYY-MM-DD"), term: o.term, name: o.name, index: o.index }));
      }, at = Object.freeze(Object.defineProperty({ __proto__: null, getSolarTermDate: S, getSolarTerms: q, getSolarTermsInRange: T }, Symbol.toStringTag, { value: "Module" })), M = [19416, 19168, 42352, 21717, 53856, 55632, 91476, 22176, 39632, 21970, 19168, 42422, 42192, 53840, 119381, 46400, 54944, 44450, 38320, 84343, 18800, 42160, 46261, 27216, 27968, 109396, 11104, 38256, 21234, 18800, 25958, 54432, 59984, 28309, 23248, 11104, 100067, 37600, 116951, 51536, 54432, 120998, 46416, 22176, 107956, 9680, 37584, 53938, 43344, 46423, 27808, 46416, 86869, 19872, 42416, 83315, 21168, 43432, 59728, 27296, 44710, 43856, 19296, 43748, 42352, 21088, 62051, 55632, 23383, 22176, 38608, 19925, 19152, 42192, 54484, 53840, 54616, 46400, 46752, 103846, 38320, 18864, 43380, 42160, 45690, 27216, 27968, 44870, 43872, 38256, 19189, 18800, 25776, 29859, 59984, 27480, 21952, 43872, 38613, 37600, 51552, 55636, 54432, 55888, 30034, 22176, 43959, 9680, 37584, 51893, 43344, 46240, 47780, 44368, 21977, 19360, 42416, 86390, 21168, 43312, 31060, 27296, 44368, 23378, 19296, 42726, 42208, 53856, 60005, 54576, 23200, 30371, 38608, 19195, 19152, 42192, 118966, 53840, 54560, 56645, 46496, 22224, 21938, 18864, 42359, 42160, 43600, 111189, 27936, 44448, 84835, 37744, 18936, 18800, 25776, 92326, 59984, 27424, 108228, 43744, 41696, 53987, 51552, 54615, 54432, 55888, 23893, 22176, 42704, 21972, 21200, 43448, 43344, 46240, 46758, 44368, 21920, 43940, 42416, 21168, 45683, 26928, 29495, 27296, 44368, 84821, 19296, 42352, 21732, 53600, 59752, 54560, 55968, 92838, 22224, 19168, 43476, 41680, 53584, 62034, 54560], v = ["\u96F6", "\u4E00", "\u4E8C", "\u4E09", "\u56DB", "\u4E94", "\u516D", "\u4E03", "\u516B", "\u4E5D"], x = ["\u6B63", "\u4E8C", "\u4E09", "\u56DB", "\u4E94", "\u516D", "\u4E03", "\u516B", "\u4E5D", "\u5341", "\u51AC", "\u814A"], z2 = ["\u7532", "\u4E59", "\u4E19", "\u4E01", "\u620A", "\u5DF1", "\u5E9A", "\u8F9B", "\u58EC", "\u7678"], V = ["\u5B50", "\u4E11", "\u5BC5", "\u536F", "\u8FB0", "\u5DF3", "\u5348", "\u672A", "\u7533", "\u9149", "\u620C", "\u4EA5"], nt = ["\u9F20", "\u725B", "\u864E", "\u5154", "\u9F99", "\u86C7", "\u9A6C", "\u7F8A", "\u7334", "\u9E21", "\u72D7", "\u732A"], Z = (r2) => {
        let t = 348;
        for (let e = 32768; e > 8; e >>= 1) t += M[r2 - 1900] & e ? 1 : 0;
        return t + N(r2);
      }, L = (r2) => M[r2 - 1900] & 15, N = (r2) => L(r2) ? M[r2 - 1900] & 65536 ? 30 : 29 : 0, O = (r2) => z2[r2 % 10] + V[r2 % 12], m = (r2, t) => M[r2 - 1900] & 65536 >> t ? 30 : 29, ot = (r2) => nt[(r2 - 4) % 12], st = (r2) => {
        const t = ["\u521D", "\u5341", "\u5EFF", "\u4E09\u5341"];
        if (r2 === 10) return "\u521D\u5341";
        if (r2 === 20) return "\u4E8C\u5341";
        if (r2 === 30) return "\u4E09\u5341";
        const e = Math.floor(r2 / 10), a = r2 % 10;
        return t[e] + v[a];
      }, it = (r2) => `${z2[(r2 - 4) % 10]}${V[(r2 - 4) % 12]}\u5E74`, $ = (r2, t) => {
        const e = [];
        for (let a = r2; a <= t; a++) e.push({ year: a, lunarYear: it(a), lunarYearCN: a.toString().split("").map((n) => v[Number(n)]).join("") });
        return e;
      }, E = (r2) => {
        const t = L(r2);
        return { year: r2, leapMonth: t || void 0, leapMonthCN: t ? `\u95F0${x[t - 1]}\u6708` : void 0, days: t ? M[r2 - 1900] & 65536 ? 30 : 29 : 0 };
      }, dt = new Date(Date.UTC(1900, 0, 30, 16, 0, 0)), Y = (r2) => {
        const t = new Array(7).fill(0);
        let e = 0, a = 0;
        const n = h(dt), s = h(r2);
        let o = s.diff(n, "day");
        t[5] = o + 40, t[4] = 14;
        let d = 1900;
        for (; d < 2100 && o > 0; d++) e = Z(d), o -= e, t[4] += 12;
        o < 0 && (o += e, d--, t[4] -= 12), t[0] = d, t[3] = d - 1864, a = L(d), t[6] = 0;
        for (let i = 1; i < 13 && o >= 0; i++) a > 0 && i === a + 1 && t[6] === 0 ? (--i, t[6] = 1, e = N(d)) : e = m(d, i), t[6] === 1 && i === a + 1 && (t[6] = 0), o -= e, t[6] === 0 && t[4]++, t[1] = i;
        return o < 0 && (o += e, t[1]--, t[4]--), t[2] = o + 1, { date: s.format("YYYY-MM-DD"), lunarYear: t[0], lunarMon: t[1] + 1, lunarDay: t[2], isLeap: !!t[6], zodiac: ot(t[0]), yearCyl: O(t[3]), monCyl: O(t[4]), dayCyl: O(t[5]), lunarYearCN: `${t[0].toString().split("").map((i) => v[Number(i)]).join("")}`, lunarMonCN: `${x[t[1]]}\u6708`, lunarDayCN: st(t[2]) };
      }, A = (r2, t) => {
        const e = h(r2), a = h(t), n = [];
        for (let s = e; s.isBefore(a) || s.isSame(a, "day"); s = s.add(1, "day")) n.push(Y(s));
        return n;
      }, R = (r2) => {
        const t = h(r2), e = t.year(), a = t.month() + 1, n = t.date();
        let s = 0;
        for (let c = 1900; c < e; c++) s += Z(c);
        const o = L(e);
        for (let c = 1; c < a; c++) s += m(e, c), c === o && (s += N(e));
        s += n - 1;
        const d = h(new Date(1900, 0, 31)), i = d.add(s, "day").format("YYYY-MM-DD");
        let y = s, G;
        return o === a && (y += m(e, a), G = d.add(y, "day").format("YYYY-MM-DD")), { date: i, leapMonthDate: G };
      }, lt = Object.freeze(Object.defineProperty({ __proto__: null, default: { getLunarYears: $, getYearLeapMonth: E, getLunarDate: Y, getLunarDatesInRange: A, getSolarDateFromLunar: R }, getLunarDate: Y, getLunarDatesInRange: A, getLunarYears: $, getSolarDateFromLunar: R, getYearLeapMonth: E, monthDays: m }, Symbol.toStringTag, { value: "Module" })), ht = { 1: { 1: ["\u6625\u8282", "\u9E21\u65E5", "\u5143\u59CB\u5929\u5C0A\u8BDE\u8FB0"], 2: ["\u72AC\u65E5"], 3: ["\u732A\u65E5", "\u5C0F\u5E74\u671D"], 4: ["\u7F8A\u65E5", "\u5B59\u5929\u533B\u8BDE\u8FB0"], 5: ["\u725B\u65E5", "\u7834\u4E94\u65E5", "\u5F00\u5E02", "\u8DEF\u795E\u8BDE\u8FB0"], 6: ["\u9A6C\u65E5"], 7: ["\u4EBA\u65E5", "\u9001\u706B\u795E"], 8: ["\u8C37\u65E5", "\u960E\u738B\u8BDE\u8FB0"], 9: ["\u5929\u65E5", "\u7389\u7687\u8BDE\u8FB0"], 10: ["\u5730\u65E5", "\u77F3\u5934\u751F\u65E5"], 13: ["\u4E0A(\u8BD5)\u706F\u65E5", "\u5173\u516C\u5347\u5929\u65E5"], 15: ["\u5143\u5BB5\u8282", "\u4E0A\u5143\u8282", "\u6B63\u706F\u65E5", "\u5929\u5B98\u8BDE\u8FB0"], 18: ["\u843D\u706F\u65E5"], 25: ["\u5929\u4ED3(\u586B\u4ED3)\u8282"] }, 2: { 1: ["\u592A\u9633\u751F\u65E5"], 2: ["\u6625\u9F99\u8282", "\u571F\u5730\u516C\u751F\u65E5", "\u6D4E\u516C\u6D3B\u4F5B\u751F\u65E5"], 3: ["\u6587\u660C\u5E1D\u541B\u8BDE\u8FB0"], 12: ["\u767E\u82B1\u751F\u65E5(\u82B1\u671D\u8282)"], 15: ["\u4E5D\u5929\u7384\u5973\u8BDE\u8FB0", "\u592A\u4E0A\u8001\u541B\u8BDE\u8FB0", "\u7CBE\u5FE0\u5CB3\u738B\u8BDE\u8FB0"], 19: ["\u89C2\u97F3\u83E9\u8428\u8BDE\u8FB0"], 21: ["\u666E\u8D24\u83E9\u8428\u8BDE\u8FB0"] }, 3: { 3: ["\u4E0A\u5DF3\u8282"], 15: ["\u8D75\u516C\u5143\u5E05\u8BDE\u8FB0", "\u6CF0\u5C71\u8001\u6BCD\u8BDE\u8FB0"] }, 4: { 1: ["\u796D\u96F9\u795E"], 4: ["\u6587\u6B8A\u83E9\u8428\u8BDE\u8FB0"], 8: ["\u6D74\u4F5B\u8282(\u9F99\u534E\u4F1A)"], 12: ["\u86C7\u738B\u8BDE\u8FB0"], 14: ["\u5415\u6D1E\u5BBE\u8BDE\u8FB0"], 18: ["\u534E\u4F57\u8BDE\u8FB0"], 28: ["\u836F\u738B(\u795E\u519C)\u8BDE\u8FB0"] }, 5: { 5: ["\u7AEF\u5348\u8282"], 13: ["\u96E8\u8282", "\u9EC4\u5E1D\u8BDE\u8FB0"] }, 6: { 1: ["\u534A\u5E74\u8282"], 6: ["\u6652\u8863\u8282"], 19: ["\u89C2\u97F3\u83E9\u8428\u5F97\u9053"], 24: ["\u96F7\u795E\u8BDE\u8FB0", "\u8377\u82B1\u751F\u65E5", "\u5173\u516C\u8BDE\u8FB0"] }, 7: { 1: ["\u796D\u6D77\u795E"], 7: ["\u4E5E\u5DE7\u8282"], 15: ["\u4E2D\u5143(\u9B3C)\u8282", "\u5730\u5B98\u8BDE\u8FB0(\u5B5F\u5170\u76C6\u4F1A)"], 18: ["\u897F\u738B\u6BCD\u8BDE\u8FB0"], 20: ["\u68C9\u82B1\u751F\u65E5"], 23: ["\u8BF8\u845B\u4EAE\u8BDE\u8FB0"], 30: ["\u5730\u85CF\u83E9\u8428\u8BDE\u8FB0"] }, 8: { 1: ["\u5929\u533B\u8282"], 3: ["\u7076\u541B\u751F\u65E5"], 8: ["\u7476\u6C60\u5927\u4F1A"], 15: ["\u4E2D\u79CB\u8282"], 20: ["\u6C34\u7A3B\u751F\u65E5"], 28: ["\u5B54\u5B50\u8BDE\u8FB0"] }, 9: { 9: ["\u91CD\u9633\u8282"], 19: ["\u89C2\u97F3\u83E9\u8428\u51FA\u5BB6"] }, 10: { 1: ["\u5341\u6708\u671D", "\u5BD2\u8863\u8282"], 15: ["\u4E0B\u5143\u8282", "\u6C34\u5B98\u8BDE\u8FB0"] }, 12: { 8: ["\u814A\u516B\u8282"], 23: ["\u5B98\u5BB6\u9001\u7076"], 24: ["\u6C11\u95F4\u9001\u7076"], 25: ["\u63A5\u7389\u7687"] } }, _t = [(r2, t) => {
        const e = r2.add(1, "day");
        T(e).find((n) => n.term === "pure_brightness") && t.push({ date: r2.format("YYYY-MM-DD"), name: "\u5BD2\u98DF\u8282", type: "solar_term" });
      }, (r2, t) => {
        const e = Y(r2);
        if (e.lunarMon === 12 && e.lunarDay === m(e.lunarYear, 12)) {
          const a = r2.format("YYYY-MM-DD");
          ["\u9664\u5915", "\u5C01\u4E95", "\u796D\u4E95\u795E", "\u8D34\u6625\u8054", "\u8FCE\u8D22\u795E"].forEach((n) => {
            t.push({ date: a, name: n, type: "lunar" });
          });
        }
      }], H = (r2, t) => {
        var s;
        const e = [];
        let a = h(r2);
        const n = h(t || r2);
        for (; a.isBefore(n) || a.isSame(n); ) {
          const o = Y(a);
          o.isLeap || (((s = ht[o.lunarMon]) == null ? void 0 : s[o.lunarDay]) || []).forEach((i) => {
            e.push({ date: a.format("YYYY-MM-DD"), name: i, type: "lunar" });
          }), _t.forEach((d) => d(a, e)), a = a.add(1, "day");
        }
        return e.reduce((o, d) => {
          const i = o.find((y) => y.date === d.date);
          return i ? i.name.push(d.name) : o.push({ date: d.date, name: [d.name] }), o;
        }, []);
      }, ut = { ...tt, ...at, ...lt, ...Object.freeze(Object.defineProperty({ __proto__: null, default: { getLunarFestivals: H }, getLunarFestivals: H }, Symbol.toStringTag, { value: "Module" })) };
      l.default = ut, l.findWorkday = U, l.getDayDetail = I, l.getHolidaysInRange = C, l.getLunarDate = Y, l.getLunarDatesInRange = A, l.getLunarFestivals = H, l.getLunarYears = $, l.getSolarDateFromLunar = R, l.getSolarTermDate = S, l.getSolarTerms = q, l.getSolarTermsInRange = T, l.getWorkdaysInRange = j, l.getYearLeapMonth = E, l.isHoliday = F, l.isInLieu = B, l.isWorkday = D, l.monthDays = m, Object.defineProperties(l, { __esModule: { value: true }, [Symbol.toStringTag]: { value: "Module" } });
    });
  }
});

// ../../tmp/p2.ts
import { mkdtempSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

// src/db/client.ts
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

// src/db/schema.ts
var schema_exports = {};
__export(schema_exports, {
  auditLog: () => auditLog,
  chases: () => chases,
  completions: () => completions,
  extensions: () => extensions,
  items: () => items,
  jobLocks: () => jobLocks,
  numberSequences: () => numberSequences,
  outbox: () => outbox,
  people: () => people,
  processedEvents: () => processedEvents,
  progressReports: () => progressReports,
  units: () => units
});
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
var now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
var units = sqliteTable("units", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  headId: text("head_id"),
  liaisonIds: text("liaison_ids", { mode: "json" }).$type().notNull().default([]),
  chatId: text("chat_id"),
  updatedAt: text("updated_at").notNull().default(now)
});
var people = sqliteTable("people", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  roles: text("roles", { mode: "json" }).$type().notNull().default([]),
  leads: text("leads", { mode: "json" }).$type().notNull().default([]),
  updatedAt: text("updated_at").notNull().default(now)
});
var numberSequences = sqliteTable("number_sequences", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull()
});
var items = sqliteTable(
  "items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    number: text("number").notNull().unique(),
    title: text("title").notNull(),
    requirements: text("requirements").notNull().default(""),
    measures: text("measures").notNull().default(""),
    kind: text("kind").notNull(),
    mode: text("mode").notNull(),
    flagged: integer("flagged", { mode: "boolean" }).notNull().default(false),
    important: integer("important", { mode: "boolean" }).notNull().default(false),
    confidential: integer("confidential", { mode: "boolean" }).notNull().default(false),
    sources: text("sources", { mode: "json" }).$type().notNull(),
    leadUnitId: text("lead_unit_id").notNull().references(() => units.id),
    coopUnitIds: text("coop_unit_ids", { mode: "json" }).$type().notNull().default([]),
    leaderId: text("leader_id").notNull(),
    responsiblePerson: text("responsible_person").notNull().default(""),
    deadline: text("deadline").notNull(),
    originalDeadline: text("original_deadline").notNull(),
    stages: text("stages", { mode: "json" }).$type().notNull().default([]),
    progressCycle: text("progress_cycle").notNull().default("none"),
    state: text("state").notNull(),
    reviewStage: text("review_stage"),
    mergedIntoId: integer("merged_into_id"),
    /** When the 督办单 was sent; the unclaimed reminder counts working days from here. */
    assignedAt: text("assigned_at"),
    claimedBy: text("claimed_by"),
    claimedAt: text("claimed_at"),
    submittedAt: text("submitted_at"),
    closedAt: text("closed_at"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    version: integer("version").notNull().default(1)
  },
  (t) => [
    uniqueIndex("items_year_seq").on(t.year, t.seq),
    index("items_state_deadline").on(t.state, t.deadline),
    index("items_lead_unit").on(t.leadUnitId)
  ]
);
var extensions = sqliteTable(
  "extensions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").notNull().references(() => items.id),
    requestedBy: text("requested_by").notNull(),
    reason: text("reason").notNull(),
    previousDeadline: text("previous_deadline").notNull(),
    proposedDeadline: text("proposed_deadline").notNull(),
    /** pending | approved | rejected | withdrawn */
    status: text("status").notNull(),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    note: text("note"),
    createdAt: text("created_at").notNull()
  },
  (t) => [index("extensions_item").on(t.itemId, t.status)]
);
var progressReports = sqliteTable(
  "progress_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").notNull().references(() => items.id),
    unitId: text("unit_id"),
    authorId: text("author_id").notNull(),
    text: text("text").notNull(),
    channel: text("channel").notNull(),
    createdAt: text("created_at").notNull()
  },
  (t) => [index("progress_item").on(t.itemId, t.createdAt)]
);
var completions = sqliteTable(
  "completions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").notNull().references(() => items.id),
    submittedBy: text("submitted_by").notNull(),
    selfAssessment: text("self_assessment").notNull(),
    materials: text("materials", { mode: "json" }).$type().notNull().default([]),
    createdAt: text("created_at").notNull()
  },
  (t) => [index("completions_item").on(t.itemId)]
);
var auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").references(() => items.id),
    actorId: text("actor_id").notNull(),
    /** command | card | chat | scheduler | cli | api */
    channel: text("channel").notNull(),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    changes: text("changes", { mode: "json" }).$type().notNull().default({}),
    note: text("note"),
    at: text("at").notNull()
  },
  (t) => [index("audit_item").on(t.itemId, t.id)]
);
var processedEvents = sqliteTable("processed_events", {
  eventId: text("event_id").primaryKey(),
  eventType: text("event_type").notNull(),
  receivedAt: text("received_at").notNull()
});
var outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /**
     * Feishu's idempotency key for this send: fixed at insert, reused by every retry. Random, so unique without an
     * index (an index on random keys was the costliest part of writing a day's reminders).
     */
    uuid: text("uuid").notNull(),
    /** Makes a planned message unique (a scheduler step sends once however often it runs). */
    dedupeKey: text("dedupe_key").unique(),
    /** send | reply | patch */
    op: text("op").notNull(),
    receiveIdType: text("receive_id_type"),
    receiveId: text("receive_id"),
    /** The message replied to (reply) or updated (patch). */
    targetMessageId: text("target_message_id"),
    msgType: text("msg_type").notNull(),
    content: text("content").notNull(),
    /**
     * Set instead of `content` for cards drawn when sent (the scheduler's reminders): what to draw, as JSON. The
     * row is still the record of the message; the card shows the item as it is when it goes out.
     */
    render: text("render"),
    itemId: integer("item_id").references(() => items.id),
    /** What the message is for: slip, review, receipt, reminder, digest, alert, … */
    purpose: text("purpose").notNull(),
    /** pending | sent | failed */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    /** A worker holds a row until then; another worker leaves it alone. */
    leaseUntil: text("lease_until"),
    lastError: text("last_error"),
    messageId: text("message_id"),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at")
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    index("outbox_message").on(t.messageId)
  ]
);
var chases = sqliteTable(
  "chases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    itemId: integer("item_id").notNull().references(() => items.id),
    /** unclaimed | due_soon | due_today | overdue | warning | interview_proposal | progress_request | progress_missed | manual */
    kind: text("kind").notNull(),
    stepKey: text("step_key").notNull(),
    /** An open_id, or 'supervisors' for a step that is only recorded for the daily summary. */
    recipient: text("recipient").notNull(),
    automatic: integer("automatic", { mode: "boolean" }).notNull(),
    actorId: text("actor_id"),
    at: text("at").notNull(),
    outboxId: integer("outbox_id").references(() => outbox.id),
    /** Set when the unit answers (progress, claim, extension request, completion) after this chase. */
    answeredAt: text("answered_at")
  },
  (t) => [
    uniqueIndex("chases_step_recipient").on(t.stepKey, t.recipient),
    index("chases_item").on(t.itemId, t.answeredAt),
    // Only the supervisors' lines are looked up by kind and day (the daily summary); indexing just those keeps a
    // day's sweep from writing an index entry per reminder.
    index("chases_summary").on(t.kind, t.at).where(sql`${t.recipient} = 'supervisors'`)
  ]
);
var jobLocks = sqliteTable("job_locks", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  until: text("until").notNull()
});

// src/db/client.ts
var MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");
var MigrationError = class extends Error {
  name = "MigrationError";
};
function openDatabase(path) {
  let sqlite;
  try {
    if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
    sqlite = new Database(path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("synchronous = NORMAL");
  } catch (err) {
    sqlite?.close();
    throw new MigrationError(`\u65E0\u6CD5\u6253\u5F00\u6570\u636E\u5E93\uFF08${path}\uFF09\uFF1A${err instanceof Error ? err.message : String(err)}`);
  }
  const db2 = drizzle(sqlite, { schema: schema_exports });
  try {
    migrate(db2, { migrationsFolder: MIGRATIONS });
  } catch (err) {
    sqlite.close();
    const why = err instanceof Error ? err.cause instanceof Error ? err.cause.message : err.message : String(err);
    throw new MigrationError(`\u6570\u636E\u5E93\u8FC1\u79FB\u5931\u8D25\uFF08${path}\uFF09\uFF1A${why}`);
  }
  return db2;
}

// src/domain/calendar.ts
var import_chinese_days = __toESM(require_index_min(), 1);

// node_modules/chinese-days/dist/chinese-days.json
var chinese_days_default = { holidays: { "2026-01-01": "New Year's Day,\u5143\u65E6,1", "2026-01-02": "New Year's Day,\u5143\u65E6,1", "2026-01-03": "New Year's Day,\u5143\u65E6,1", "2026-02-15": "Spring Festival,\u6625\u8282,4", "2026-02-16": "Spring Festival,\u6625\u8282,4", "2026-02-17": "Spring Festival,\u6625\u8282,4", "2026-02-18": "Spring Festival,\u6625\u8282,4", "2026-02-19": "Spring Festival,\u6625\u8282,4", "2026-02-20": "Spring Festival,\u6625\u8282,4", "2026-02-21": "Spring Festival,\u6625\u8282,4", "2026-02-22": "Spring Festival,\u6625\u8282,4", "2026-02-23": "Spring Festival,\u6625\u8282,4", "2026-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2026-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2026-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2026-05-01": "Labour Day,\u52B3\u52A8\u8282,2", "2026-05-02": "Labour Day,\u52B3\u52A8\u8282,2", "2026-05-03": "Labour Day,\u52B3\u52A8\u8282,2", "2026-05-04": "Labour Day,\u52B3\u52A8\u8282,2", "2026-05-05": "Labour Day,\u52B3\u52A8\u8282,2", "2026-06-19": "Dragon Boat Festival,\u7AEF\u5348,1", "2026-06-20": "Dragon Boat Festival,\u7AEF\u5348,1", "2026-06-21": "Dragon Boat Festival,\u7AEF\u5348,1", "2026-09-25": "Mid-autumn Festival,\u4E2D\u79CB,1", "2026-09-26": "Mid-autumn Festival,\u4E2D\u79CB,1", "2026-09-27": "Mid-autumn Festival,\u4E2D\u79CB,1", "2026-10-01": "National Day,\u56FD\u5E86\u8282,3", "2026-10-02": "National Day,\u56FD\u5E86\u8282,3", "2026-10-03": "National Day,\u56FD\u5E86\u8282,3", "2026-10-04": "National Day,\u56FD\u5E86\u8282,3", "2026-10-05": "National Day,\u56FD\u5E86\u8282,3", "2026-10-06": "National Day,\u56FD\u5E86\u8282,3", "2026-10-07": "National Day,\u56FD\u5E86\u8282,3", "2025-01-01": "New Year's Day,\u5143\u65E6,1", "2025-01-28": "Spring Festival,\u6625\u8282,4", "2025-01-29": "Spring Festival,\u6625\u8282,4", "2025-01-30": "Spring Festival,\u6625\u8282,4", "2025-01-31": "Spring Festival,\u6625\u8282,4", "2025-02-01": "Spring Festival,\u6625\u8282,4", "2025-02-02": "Spring Festival,\u6625\u8282,4", "2025-02-03": "Spring Festival,\u6625\u8282,4", "2025-02-04": "Spring Festival,\u6625\u8282,4", "2025-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2025-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2025-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2025-05-01": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-02": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-03": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-04": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-05": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-31": "Dragon Boat Festival,\u7AEF\u5348,1", "2025-06-01": "Dragon Boat Festival,\u7AEF\u5348,1", "2025-06-02": "Dragon Boat Festival,\u7AEF\u5348,1", "2025-10-01": "National Day,\u56FD\u5E86\u8282,3", "2025-10-02": "National Day,\u56FD\u5E86\u8282,3", "2025-10-03": "National Day,\u56FD\u5E86\u8282,3", "2025-10-04": "National Day,\u56FD\u5E86\u8282,3", "2025-10-05": "National Day,\u56FD\u5E86\u8282,3", "2025-10-06": "Mid-autumn Festival,\u4E2D\u79CB,1", "2025-10-07": "National Day,\u56FD\u5E86\u8282,3", "2025-10-08": "National Day,\u56FD\u5E86\u8282,3", "2024-01-01": "New Year's Day,\u5143\u65E6,1", "2024-02-10": "Spring Festival,\u6625\u8282,3", "2024-02-11": "Spring Festival,\u6625\u8282,3", "2024-02-12": "Spring Festival,\u6625\u8282,3", "2024-02-13": "Spring Festival,\u6625\u8282,3", "2024-02-14": "Spring Festival,\u6625\u8282,3", "2024-02-15": "Spring Festival,\u6625\u8282,3", "2024-02-16": "Spring Festival,\u6625\u8282,3", "2024-02-17": "Spring Festival,\u6625\u8282,3", "2024-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2024-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2024-09-15": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-09-16": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-09-17": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-10-01": "National Day,\u56FD\u5E86\u8282,3", "2024-10-02": "National Day,\u56FD\u5E86\u8282,3", "2024-10-03": "National Day,\u56FD\u5E86\u8282,3", "2024-10-04": "National Day,\u56FD\u5E86\u8282,3", "2024-10-05": "National Day,\u56FD\u5E86\u8282,3", "2024-10-06": "National Day,\u56FD\u5E86\u8282,3", "2024-10-07": "National Day,\u56FD\u5E86\u8282,3", "2023-01-01": "New Year's Day,\u5143\u65E6,1", "2023-01-02": "New Year's Day,\u5143\u65E6,1", "2023-01-21": "Spring Festival,\u6625\u8282,3", "2023-01-22": "Spring Festival,\u6625\u8282,3", "2023-01-23": "Spring Festival,\u6625\u8282,3", "2023-01-24": "Spring Festival,\u6625\u8282,3", "2023-01-25": "Spring Festival,\u6625\u8282,3", "2023-01-26": "Spring Festival,\u6625\u8282,3", "2023-01-27": "Spring Festival,\u6625\u8282,3", "2023-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2023-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2023-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2023-06-22": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-06-23": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-06-24": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-09-29": "Mid-autumn Festival,\u4E2D\u79CB,1", "2023-09-30": "National Day,\u56FD\u5E86\u8282,3", "2023-10-01": "National Day,\u56FD\u5E86\u8282,3", "2023-10-02": "National Day,\u56FD\u5E86\u8282,3", "2023-10-03": "National Day,\u56FD\u5E86\u8282,3", "2023-10-04": "National Day,\u56FD\u5E86\u8282,3", "2023-10-05": "National Day,\u56FD\u5E86\u8282,3", "2023-10-06": "National Day,\u56FD\u5E86\u8282,3", "2022-01-01": "New Year's Day,\u5143\u65E6,1", "2022-01-02": "New Year's Day,\u5143\u65E6,1", "2022-01-03": "New Year's Day,\u5143\u65E6,1", "2022-01-31": "Spring Festival,\u6625\u8282,3", "2022-02-01": "Spring Festival,\u6625\u8282,3", "2022-02-02": "Spring Festival,\u6625\u8282,3", "2022-02-03": "Spring Festival,\u6625\u8282,3", "2022-02-04": "Spring Festival,\u6625\u8282,3", "2022-02-05": "Spring Festival,\u6625\u8282,3", "2022-02-06": "Spring Festival,\u6625\u8282,3", "2022-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2022-06-03": "Dragon Boat Festival,\u7AEF\u5348,1", "2022-06-04": "Dragon Boat Festival,\u7AEF\u5348,1", "2022-06-05": "Dragon Boat Festival,\u7AEF\u5348,1", "2022-09-10": "Mid-autumn Festival,\u4E2D\u79CB,1", "2022-09-11": "Mid-autumn Festival,\u4E2D\u79CB,1", "2022-09-12": "Mid-autumn Festival,\u4E2D\u79CB,1", "2022-10-01": "National Day,\u56FD\u5E86\u8282,3", "2022-10-02": "National Day,\u56FD\u5E86\u8282,3", "2022-10-03": "National Day,\u56FD\u5E86\u8282,3", "2022-10-04": "National Day,\u56FD\u5E86\u8282,3", "2022-10-05": "National Day,\u56FD\u5E86\u8282,3", "2022-10-06": "National Day,\u56FD\u5E86\u8282,3", "2022-10-07": "National Day,\u56FD\u5E86\u8282,3", "2022-12-31": "New Year's Day,\u5143\u65E6,1", "2021-01-01": "New Year's Day,\u5143\u65E6,1", "2021-01-02": "New Year's Day,\u5143\u65E6,1", "2021-01-03": "New Year's Day,\u5143\u65E6,1", "2021-02-11": "Spring Festival,\u6625\u8282,3", "2021-02-12": "Spring Festival,\u6625\u8282,3", "2021-02-13": "Spring Festival,\u6625\u8282,3", "2021-02-14": "Spring Festival,\u6625\u8282,3", "2021-02-15": "Spring Festival,\u6625\u8282,3", "2021-02-16": "Spring Festival,\u6625\u8282,3", "2021-02-17": "Spring Festival,\u6625\u8282,3", "2021-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2021-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2021-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2021-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2021-06-12": "Dragon Boat Festival,\u7AEF\u5348,1", "2021-06-13": "Dragon Boat Festival,\u7AEF\u5348,1", "2021-06-14": "Dragon Boat Festival,\u7AEF\u5348,1", "2021-09-19": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-09-20": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-09-21": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-10-01": "National Day,\u56FD\u5E86\u8282,3", "2021-10-02": "National Day,\u56FD\u5E86\u8282,3", "2021-10-03": "National Day,\u56FD\u5E86\u8282,3", "2021-10-04": "National Day,\u56FD\u5E86\u8282,3", "2021-10-05": "National Day,\u56FD\u5E86\u8282,3", "2021-10-06": "National Day,\u56FD\u5E86\u8282,3", "2021-10-07": "National Day,\u56FD\u5E86\u8282,3", "2020-01-01": "New Year's Day,\u5143\u65E6,1", "2020-01-24": "Spring Festival,\u6625\u8282,3", "2020-01-25": "Spring Festival,\u6625\u8282,3", "2020-01-26": "Spring Festival,\u6625\u8282,3", "2020-01-27": "Spring Festival,\u6625\u8282,3", "2020-01-28": "Spring Festival,\u6625\u8282,3", "2020-01-29": "Spring Festival,\u6625\u8282,3", "2020-01-30": "Spring Festival,\u6625\u8282,3", "2020-01-31": "Spring Festival,\u6625\u8282,3", "2020-02-01": "Spring Festival,\u6625\u8282,3", "2020-02-02": "Spring Festival,\u6625\u8282,3", "2020-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2020-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2020-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2020-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2020-06-25": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-06-26": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-06-27": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-10-01": "National Day,\u56FD\u5E86\u8282,3", "2020-10-02": "National Day,\u56FD\u5E86\u8282,3", "2020-10-03": "National Day,\u56FD\u5E86\u8282,3", "2020-10-04": "National Day,\u56FD\u5E86\u8282,3", "2020-10-05": "National Day,\u56FD\u5E86\u8282,3", "2020-10-06": "National Day,\u56FD\u5E86\u8282,3", "2020-10-07": "National Day,\u56FD\u5E86\u8282,3", "2020-10-08": "National Day,\u56FD\u5E86\u8282,3", "2019-01-01": "New Year's Day,\u5143\u65E6,1", "2019-02-04": "Spring Festival,\u6625\u8282,3", "2019-02-05": "Spring Festival,\u6625\u8282,3", "2019-02-06": "Spring Festival,\u6625\u8282,3", "2019-02-07": "Spring Festival,\u6625\u8282,3", "2019-02-08": "Spring Festival,\u6625\u8282,3", "2019-02-09": "Spring Festival,\u6625\u8282,3", "2019-02-10": "Spring Festival,\u6625\u8282,3", "2019-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2019-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2019-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2019-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2019-06-07": "Dragon Boat Festival,\u7AEF\u5348,1", "2019-06-08": "Dragon Boat Festival,\u7AEF\u5348,1", "2019-06-09": "Dragon Boat Festival,\u7AEF\u5348,1", "2019-09-13": "Mid-autumn Festival,\u4E2D\u79CB,1", "2019-09-14": "Mid-autumn Festival,\u4E2D\u79CB,1", "2019-09-15": "Mid-autumn Festival,\u4E2D\u79CB,1", "2019-10-01": "National Day,\u56FD\u5E86\u8282,3", "2019-10-02": "National Day,\u56FD\u5E86\u8282,3", "2019-10-03": "National Day,\u56FD\u5E86\u8282,3", "2019-10-04": "National Day,\u56FD\u5E86\u8282,3", "2019-10-05": "National Day,\u56FD\u5E86\u8282,3", "2019-10-06": "National Day,\u56FD\u5E86\u8282,3", "2019-10-07": "National Day,\u56FD\u5E86\u8282,3", "2018-01-01": "New Year's Day,\u5143\u65E6,1", "2018-02-15": "Spring Festival,\u6625\u8282,3", "2018-02-16": "Spring Festival,\u6625\u8282,3", "2018-02-17": "Spring Festival,\u6625\u8282,3", "2018-02-18": "Spring Festival,\u6625\u8282,3", "2018-02-19": "Spring Festival,\u6625\u8282,3", "2018-02-20": "Spring Festival,\u6625\u8282,3", "2018-02-21": "Spring Festival,\u6625\u8282,3", "2018-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2018-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2018-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2018-06-18": "Dragon Boat Festival,\u7AEF\u5348,1", "2018-10-01": "National Day,\u56FD\u5E86\u8282,3", "2018-10-02": "National Day,\u56FD\u5E86\u8282,3", "2018-10-03": "National Day,\u56FD\u5E86\u8282,3", "2018-10-04": "National Day,\u56FD\u5E86\u8282,3", "2018-10-05": "National Day,\u56FD\u5E86\u8282,3", "2018-10-06": "National Day,\u56FD\u5E86\u8282,3", "2018-10-07": "National Day,\u56FD\u5E86\u8282,3", "2018-09-24": "Mid-autumn Festival,\u4E2D\u79CB,1", "2018-12-30": "New Year's Day,\u5143\u65E6,1", "2018-12-31": "New Year's Day,\u5143\u65E6,1", "2017-01-01": "New Year's Day,\u5143\u65E6,1", "2017-01-02": "New Year's Day,\u5143\u65E6,1", "2017-01-27": "Spring Festival,\u6625\u8282,3", "2017-01-28": "Spring Festival,\u6625\u8282,3", "2017-01-29": "Spring Festival,\u6625\u8282,3", "2017-01-30": "Spring Festival,\u6625\u8282,3", "2017-01-31": "Spring Festival,\u6625\u8282,3", "2017-02-01": "Spring Festival,\u6625\u8282,3", "2017-02-02": "Spring Festival,\u6625\u8282,3", "2017-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2017-05-28": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-05-29": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-05-30": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-10-01": "National Day,\u56FD\u5E86\u8282,3", "2017-10-02": "National Day,\u56FD\u5E86\u8282,3", "2017-10-03": "National Day,\u56FD\u5E86\u8282,3", "2017-10-04": "Mid-autumn Festival,\u4E2D\u79CB,1", "2017-10-05": "National Day,\u56FD\u5E86\u8282,3", "2017-10-06": "National Day,\u56FD\u5E86\u8282,3", "2017-10-07": "National Day,\u56FD\u5E86\u8282,3", "2017-10-08": "National Day,\u56FD\u5E86\u8282,3", "2016-01-01": "New Year's Day,\u5143\u65E6,1", "2016-02-07": "Spring Festival,\u6625\u8282,3", "2016-02-08": "Spring Festival,\u6625\u8282,3", "2016-02-09": "Spring Festival,\u6625\u8282,3", "2016-02-10": "Spring Festival,\u6625\u8282,3", "2016-02-11": "Spring Festival,\u6625\u8282,3", "2016-02-12": "Spring Festival,\u6625\u8282,3", "2016-02-13": "Spring Festival,\u6625\u8282,3", "2016-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2016-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2016-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2016-06-09": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-06-11": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-09-15": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-09-16": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-09-17": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-10-01": "National Day,\u56FD\u5E86\u8282,3", "2016-10-02": "National Day,\u56FD\u5E86\u8282,3", "2016-10-03": "National Day,\u56FD\u5E86\u8282,3", "2016-10-04": "National Day,\u56FD\u5E86\u8282,3", "2016-10-05": "National Day,\u56FD\u5E86\u8282,3", "2016-10-06": "National Day,\u56FD\u5E86\u8282,3", "2016-10-07": "National Day,\u56FD\u5E86\u8282,3", "2015-01-01": "New Year's Day,\u5143\u65E6,1", "2015-01-02": "New Year's Day,\u5143\u65E6,1", "2015-01-03": "New Year's Day,\u5143\u65E6,1", "2015-02-18": "Spring Festival,\u6625\u8282,3", "2015-02-19": "Spring Festival,\u6625\u8282,3", "2015-02-20": "Spring Festival,\u6625\u8282,3", "2015-02-21": "Spring Festival,\u6625\u8282,3", "2015-02-22": "Spring Festival,\u6625\u8282,3", "2015-02-23": "Spring Festival,\u6625\u8282,3", "2015-02-24": "Spring Festival,\u6625\u8282,3", "2015-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2015-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2015-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2015-06-20": "Dragon Boat Festival,\u7AEF\u5348,1", "2015-06-22": "Dragon Boat Festival,\u7AEF\u5348,1", "2015-09-27": "Mid-autumn Festival,\u4E2D\u79CB,1", "2015-10-01": "National Day,\u56FD\u5E86\u8282,3", "2015-10-02": "National Day,\u56FD\u5E86\u8282,3", "2015-10-03": "National Day,\u56FD\u5E86\u8282,3", "2015-10-04": "National Day,\u56FD\u5E86\u8282,3", "2015-10-05": "National Day,\u56FD\u5E86\u8282,3", "2015-10-06": "National Day,\u56FD\u5E86\u8282,3", "2015-10-07": "National Day,\u56FD\u5E86\u8282,3", "2015-09-03": "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5,1", "2015-09-04": "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5,1", "2014-01-01": "New Year's Day,\u5143\u65E6,1", "2014-01-31": "Spring Festival,\u6625\u8282,3", "2014-02-01": "Spring Festival,\u6625\u8282,3", "2014-02-02": "Spring Festival,\u6625\u8282,3", "2014-02-03": "Spring Festival,\u6625\u8282,3", "2014-02-04": "Spring Festival,\u6625\u8282,3", "2014-02-05": "Spring Festival,\u6625\u8282,3", "2014-02-06": "Spring Festival,\u6625\u8282,3", "2014-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2014-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2014-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2014-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2014-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2014-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2014-06-02": "Dragon Boat Festival,\u7AEF\u5348,1", "2014-09-08": "Mid-autumn Festival,\u4E2D\u79CB,1", "2014-10-01": "National Day,\u56FD\u5E86\u8282,3", "2014-10-02": "National Day,\u56FD\u5E86\u8282,3", "2014-10-03": "National Day,\u56FD\u5E86\u8282,3", "2014-10-04": "National Day,\u56FD\u5E86\u8282,3", "2014-10-05": "National Day,\u56FD\u5E86\u8282,3", "2014-10-06": "National Day,\u56FD\u5E86\u8282,3", "2014-10-07": "National Day,\u56FD\u5E86\u8282,3", "2013-01-01": "New Year's Day,\u5143\u65E6,1", "2013-01-02": "New Year's Day,\u5143\u65E6,1", "2013-01-03": "New Year's Day,\u5143\u65E6,1", "2013-02-09": "Spring Festival,\u6625\u8282,3", "2013-02-10": "Spring Festival,\u6625\u8282,3", "2013-02-11": "Spring Festival,\u6625\u8282,3", "2013-02-12": "Spring Festival,\u6625\u8282,3", "2013-02-13": "Spring Festival,\u6625\u8282,3", "2013-02-14": "Spring Festival,\u6625\u8282,3", "2013-02-15": "Spring Festival,\u6625\u8282,3", "2013-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2013-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2013-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2013-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-06-11": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-06-12": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-09-19": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-09-20": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-09-21": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-10-01": "National Day,\u56FD\u5E86\u8282,3", "2013-10-02": "National Day,\u56FD\u5E86\u8282,3", "2013-10-03": "National Day,\u56FD\u5E86\u8282,3", "2013-10-04": "National Day,\u56FD\u5E86\u8282,3", "2013-10-05": "National Day,\u56FD\u5E86\u8282,3", "2013-10-06": "National Day,\u56FD\u5E86\u8282,3", "2013-10-07": "National Day,\u56FD\u5E86\u8282,3", "2012-01-01": "New Year's Day,\u5143\u65E6,1", "2012-01-02": "New Year's Day,\u5143\u65E6,1", "2012-01-03": "New Year's Day,\u5143\u65E6,1", "2012-01-22": "Spring Festival,\u6625\u8282,3", "2012-01-23": "Spring Festival,\u6625\u8282,3", "2012-01-24": "Spring Festival,\u6625\u8282,3", "2012-01-25": "Spring Festival,\u6625\u8282,3", "2012-01-26": "Spring Festival,\u6625\u8282,3", "2012-01-27": "Spring Festival,\u6625\u8282,3", "2012-01-28": "Spring Festival,\u6625\u8282,3", "2012-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2012-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2012-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2012-06-22": "Dragon Boat Festival,\u7AEF\u5348,1", "2012-06-24": "Dragon Boat Festival,\u7AEF\u5348,1", "2012-09-30": "Mid-autumn Festival,\u4E2D\u79CB,1", "2012-10-01": "National Day,\u56FD\u5E86\u8282,3", "2012-10-02": "National Day,\u56FD\u5E86\u8282,3", "2012-10-03": "National Day,\u56FD\u5E86\u8282,3", "2012-10-04": "National Day,\u56FD\u5E86\u8282,3", "2012-10-05": "National Day,\u56FD\u5E86\u8282,3", "2012-10-06": "National Day,\u56FD\u5E86\u8282,3", "2012-10-07": "National Day,\u56FD\u5E86\u8282,3", "2011-01-01": "New Year's Day,\u5143\u65E6,1", "2011-01-02": "New Year's Day,\u5143\u65E6,1", "2011-01-03": "New Year's Day,\u5143\u65E6,1", "2011-02-02": "Spring Festival,\u6625\u8282,3", "2011-02-03": "Spring Festival,\u6625\u8282,3", "2011-02-04": "Spring Festival,\u6625\u8282,3", "2011-02-05": "Spring Festival,\u6625\u8282,3", "2011-02-06": "Spring Festival,\u6625\u8282,3", "2011-02-07": "Spring Festival,\u6625\u8282,3", "2011-02-08": "Spring Festival,\u6625\u8282,3", "2011-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2011-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2011-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2011-06-04": "Dragon Boat Festival,\u7AEF\u5348,1", "2011-06-06": "Dragon Boat Festival,\u7AEF\u5348,1", "2011-09-10": "Mid-autumn Festival,\u4E2D\u79CB,1", "2011-09-11": "Mid-autumn Festival,\u4E2D\u79CB,1", "2011-09-12": "Mid-autumn Festival,\u4E2D\u79CB,1", "2011-10-01": "National Day,\u56FD\u5E86\u8282,3", "2011-10-02": "National Day,\u56FD\u5E86\u8282,3", "2011-10-03": "National Day,\u56FD\u5E86\u8282,3", "2011-10-04": "National Day,\u56FD\u5E86\u8282,3", "2011-10-05": "National Day,\u56FD\u5E86\u8282,3", "2011-10-06": "National Day,\u56FD\u5E86\u8282,3", "2011-10-07": "National Day,\u56FD\u5E86\u8282,3", "2010-01-01": "New Year's Day,\u5143\u65E6,1", "2010-01-02": "New Year's Day,\u5143\u65E6,1", "2010-01-03": "New Year's Day,\u5143\u65E6,1", "2010-02-13": "Spring Festival,\u6625\u8282,3", "2010-02-14": "Spring Festival,\u6625\u8282,3", "2010-02-15": "Spring Festival,\u6625\u8282,3", "2010-02-16": "Spring Festival,\u6625\u8282,3", "2010-02-17": "Spring Festival,\u6625\u8282,3", "2010-02-18": "Spring Festival,\u6625\u8282,3", "2010-02-19": "Spring Festival,\u6625\u8282,3", "2010-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2010-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2010-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2010-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2010-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2010-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2010-06-14": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-06-15": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-06-16": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-09-22": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-23": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-24": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-10-01": "National Day,\u56FD\u5E86\u8282,3", "2010-10-02": "National Day,\u56FD\u5E86\u8282,3", "2010-10-03": "National Day,\u56FD\u5E86\u8282,3", "2010-10-04": "National Day,\u56FD\u5E86\u8282,3", "2010-10-05": "National Day,\u56FD\u5E86\u8282,3", "2010-10-06": "National Day,\u56FD\u5E86\u8282,3", "2010-10-07": "National Day,\u56FD\u5E86\u8282,3", "2009-01-01": "New Year's Day,\u5143\u65E6,1", "2009-01-02": "New Year's Day,\u5143\u65E6,1", "2009-01-03": "New Year's Day,\u5143\u65E6,1", "2009-01-25": "Spring Festival,\u6625\u8282,3", "2009-01-26": "Spring Festival,\u6625\u8282,3", "2009-01-27": "Spring Festival,\u6625\u8282,3", "2009-01-28": "Spring Festival,\u6625\u8282,3", "2009-01-29": "Spring Festival,\u6625\u8282,3", "2009-01-30": "Spring Festival,\u6625\u8282,3", "2009-01-31": "Spring Festival,\u6625\u8282,3", "2009-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2009-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2009-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2009-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2009-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2009-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2009-05-28": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-05-29": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-05-30": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-10-01": "National Day,\u56FD\u5E86\u8282,3", "2009-10-02": "National Day,\u56FD\u5E86\u8282,3", "2009-10-03": "Mid-autumn Festival,\u4E2D\u79CB,1", "2009-10-04": "National Day,\u56FD\u5E86\u8282,3", "2009-10-05": "National Day,\u56FD\u5E86\u8282,3", "2009-10-06": "National Day,\u56FD\u5E86\u8282,3", "2009-10-07": "National Day,\u56FD\u5E86\u8282,3", "2009-10-08": "National Day,\u56FD\u5E86\u8282,3", "2008-01-01": "New Year's Day,\u5143\u65E6,1", "2008-02-06": "Spring Festival,\u6625\u8282,3", "2008-02-07": "Spring Festival,\u6625\u8282,3", "2008-02-08": "Spring Festival,\u6625\u8282,3", "2008-02-09": "Spring Festival,\u6625\u8282,3", "2008-02-10": "Spring Festival,\u6625\u8282,3", "2008-02-11": "Spring Festival,\u6625\u8282,3", "2008-02-12": "Spring Festival,\u6625\u8282,3", "2008-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2008-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2008-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2008-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2008-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2008-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2008-06-07": "Dragon Boat Festival,\u7AEF\u5348,1", "2008-06-08": "Dragon Boat Festival,\u7AEF\u5348,1", "2008-06-09": "Dragon Boat Festival,\u7AEF\u5348,1", "2008-09-13": "Mid-autumn Festival,\u4E2D\u79CB,1", "2008-09-14": "Mid-autumn Festival,\u4E2D\u79CB,1", "2008-09-15": "Mid-autumn Festival,\u4E2D\u79CB,1", "2008-09-29": "National Day,\u56FD\u5E86\u8282,3", "2008-09-30": "National Day,\u56FD\u5E86\u8282,3", "2008-10-01": "National Day,\u56FD\u5E86\u8282,3", "2008-10-02": "National Day,\u56FD\u5E86\u8282,3", "2008-10-03": "National Day,\u56FD\u5E86\u8282,3", "2008-10-04": "National Day,\u56FD\u5E86\u8282,3", "2008-10-05": "National Day,\u56FD\u5E86\u8282,3", "2007-01-01": "New Year's Day,\u5143\u65E6,1", "2007-01-02": "New Year's Day,\u5143\u65E6,1", "2007-01-03": "New Year's Day,\u5143\u65E6,1", "2007-02-18": "Spring Festival,\u6625\u8282,3", "2007-02-19": "Spring Festival,\u6625\u8282,3", "2007-02-20": "Spring Festival,\u6625\u8282,3", "2007-02-21": "Spring Festival,\u6625\u8282,3", "2007-02-22": "Spring Festival,\u6625\u8282,3", "2007-02-23": "Spring Festival,\u6625\u8282,3", "2007-02-24": "Spring Festival,\u6625\u8282,3", "2007-05-01": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-02": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-03": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2007-10-01": "National Day,\u56FD\u5E86\u8282,3", "2007-10-02": "National Day,\u56FD\u5E86\u8282,3", "2007-10-03": "National Day,\u56FD\u5E86\u8282,3", "2007-10-04": "National Day,\u56FD\u5E86\u8282,3", "2007-10-05": "National Day,\u56FD\u5E86\u8282,3", "2007-10-06": "National Day,\u56FD\u5E86\u8282,3", "2007-10-07": "National Day,\u56FD\u5E86\u8282,3", "2007-12-30": "New Year's Day,\u5143\u65E6,1", "2007-12-31": "New Year's Day,\u5143\u65E6,1", "2006-01-01": "New Year's Day,\u5143\u65E6,1", "2006-01-02": "New Year's Day,\u5143\u65E6,1", "2006-01-03": "New Year's Day,\u5143\u65E6,1", "2006-01-29": "Spring Festival,\u6625\u8282,3", "2006-01-30": "Spring Festival,\u6625\u8282,3", "2006-01-31": "Spring Festival,\u6625\u8282,3", "2006-02-01": "Spring Festival,\u6625\u8282,3", "2006-02-02": "Spring Festival,\u6625\u8282,3", "2006-02-03": "Spring Festival,\u6625\u8282,3", "2006-02-04": "Spring Festival,\u6625\u8282,3", "2006-05-01": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-02": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-03": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2006-10-01": "National Day,\u56FD\u5E86\u8282,3", "2006-10-02": "National Day,\u56FD\u5E86\u8282,3", "2006-10-03": "National Day,\u56FD\u5E86\u8282,3", "2006-10-04": "National Day,\u56FD\u5E86\u8282,3", "2006-10-05": "National Day,\u56FD\u5E86\u8282,3", "2006-10-06": "National Day,\u56FD\u5E86\u8282,3", "2006-10-07": "National Day,\u56FD\u5E86\u8282,3", "2005-01-01": "New Year's Day,\u5143\u65E6,1", "2005-01-02": "New Year's Day,\u5143\u65E6,1", "2005-01-03": "New Year's Day,\u5143\u65E6,1", "2005-02-09": "Spring Festival,\u6625\u8282,3", "2005-02-10": "Spring Festival,\u6625\u8282,3", "2005-02-11": "Spring Festival,\u6625\u8282,3", "2005-02-12": "Spring Festival,\u6625\u8282,3", "2005-02-13": "Spring Festival,\u6625\u8282,3", "2005-02-14": "Spring Festival,\u6625\u8282,3", "2005-02-15": "Spring Festival,\u6625\u8282,3", "2005-05-01": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-02": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-03": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2005-10-01": "National Day,\u56FD\u5E86\u8282,3", "2005-10-02": "National Day,\u56FD\u5E86\u8282,3", "2005-10-03": "National Day,\u56FD\u5E86\u8282,3", "2005-10-04": "National Day,\u56FD\u5E86\u8282,3", "2005-10-05": "National Day,\u56FD\u5E86\u8282,3", "2005-10-06": "National Day,\u56FD\u5E86\u8282,3", "2005-10-07": "National Day,\u56FD\u5E86\u8282,3", "2004-01-01": "New Year's Day,\u5143\u65E6,1", "2004-01-22": "Spring Festival,\u6625\u8282,3", "2004-01-23": "Spring Festival,\u6625\u8282,3", "2004-01-24": "Spring Festival,\u6625\u8282,3", "2004-01-25": "Spring Festival,\u6625\u8282,3", "2004-01-26": "Spring Festival,\u6625\u8282,3", "2004-01-27": "Spring Festival,\u6625\u8282,3", "2004-01-28": "Spring Festival,\u6625\u8282,3", "2004-05-01": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-02": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-03": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2004-10-01": "National Day,\u56FD\u5E86\u8282,3", "2004-10-02": "National Day,\u56FD\u5E86\u8282,3", "2004-10-03": "National Day,\u56FD\u5E86\u8282,3", "2004-10-04": "National Day,\u56FD\u5E86\u8282,3", "2004-10-05": "National Day,\u56FD\u5E86\u8282,3", "2004-10-06": "National Day,\u56FD\u5E86\u8282,3", "2004-10-07": "National Day,\u56FD\u5E86\u8282,3" }, workdays: { "2026-01-04": "New Year's Day,\u5143\u65E6,1", "2026-02-14": "Spring Festival,\u6625\u8282,4", "2026-02-28": "Spring Festival,\u6625\u8282,4", "2026-05-09": "Labour Day,\u52B3\u52A8\u8282,2", "2026-09-20": "National Day,\u56FD\u5E86\u8282,3", "2026-10-10": "National Day,\u56FD\u5E86\u8282,3", "2025-01-26": "Spring Festival,\u6625\u8282,4", "2025-02-08": "Spring Festival,\u6625\u8282,4", "2025-04-27": "Labour Day,\u52B3\u52A8\u8282,2", "2025-09-28": "National Day,\u56FD\u5E86\u8282,3", "2025-10-11": "National Day,\u56FD\u5E86\u8282,3", "2024-02-04": "Spring Festival,\u6625\u8282,3", "2024-02-18": "Spring Festival,\u6625\u8282,3", "2024-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-11": "Labour Day,\u52B3\u52A8\u8282,1", "2024-09-14": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-09-29": "National Day,\u56FD\u5E86\u8282,3", "2024-10-12": "National Day,\u56FD\u5E86\u8282,3", "2023-01-28": "Spring Festival,\u6625\u8282,3", "2023-01-29": "Spring Festival,\u6625\u8282,3", "2023-04-23": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-06": "Labour Day,\u52B3\u52A8\u8282,1", "2023-06-25": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-10-07": "National Day,\u56FD\u5E86\u8282,3", "2023-10-08": "National Day,\u56FD\u5E86\u8282,3", "2022-01-29": "Spring Festival,\u6625\u8282,3", "2022-01-30": "Spring Festival,\u6625\u8282,3", "2022-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-04-24": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-07": "Labour Day,\u52B3\u52A8\u8282,1", "2022-10-08": "National Day,\u56FD\u5E86\u8282,3", "2022-10-09": "National Day,\u56FD\u5E86\u8282,3", "2021-02-07": "Spring Festival,\u6625\u8282,3", "2021-02-20": "Spring Festival,\u6625\u8282,3", "2021-04-25": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-08": "Labour Day,\u52B3\u52A8\u8282,1", "2021-09-18": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-09-26": "National Day,\u56FD\u5E86\u8282,3", "2021-10-09": "National Day,\u56FD\u5E86\u8282,3", "2020-01-19": "Spring Festival,\u6625\u8282,3", "2020-04-26": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-09": "Labour Day,\u52B3\u52A8\u8282,1", "2020-06-28": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-09-27": "National Day,\u56FD\u5E86\u8282,3", "2020-10-10": "National Day,\u56FD\u5E86\u8282,3", "2019-02-02": "Spring Festival,\u6625\u8282,3", "2019-02-03": "Spring Festival,\u6625\u8282,3", "2019-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2019-09-29": "National Day,\u56FD\u5E86\u8282,3", "2019-10-12": "National Day,\u56FD\u5E86\u8282,3", "2018-02-11": "Spring Festival,\u6625\u8282,3", "2018-02-24": "Spring Festival,\u6625\u8282,3", "2018-04-08": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2018-09-29": "National Day,\u56FD\u5E86\u8282,3", "2018-09-30": "National Day,\u56FD\u5E86\u8282,3", "2018-12-29": "New Year's Day,\u5143\u65E6,1", "2017-01-22": "Spring Festival,\u6625\u8282,3", "2017-02-04": "Spring Festival,\u6625\u8282,3", "2017-04-01": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-05-27": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-09-30": "National Day,\u56FD\u5E86\u8282,3", "2016-02-06": "Spring Festival,\u6625\u8282,3", "2016-02-14": "Spring Festival,\u6625\u8282,3", "2016-06-12": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-09-18": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-10-08": "National Day,\u56FD\u5E86\u8282,3", "2016-10-09": "National Day,\u56FD\u5E86\u8282,3", "2015-01-04": "New Year's Day,\u5143\u65E6,1", "2015-02-15": "Spring Festival,\u6625\u8282,3", "2015-02-28": "Spring Festival,\u6625\u8282,3", "2015-10-10": "National Day,\u56FD\u5E86\u8282,3", "2015-09-06": "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5,1", "2014-01-26": "Spring Festival,\u6625\u8282,3", "2014-02-08": "Spring Festival,\u6625\u8282,3", "2014-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2014-09-28": "National Day,\u56FD\u5E86\u8282,3", "2014-10-11": "National Day,\u56FD\u5E86\u8282,3", "2013-01-05": "New Year's Day,\u5143\u65E6,1", "2013-01-06": "New Year's Day,\u5143\u65E6,1", "2013-02-16": "Spring Festival,\u6625\u8282,3", "2013-02-17": "Spring Festival,\u6625\u8282,3", "2013-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-27": "Labour Day,\u52B3\u52A8\u8282,1", "2013-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2013-06-08": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-06-09": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-09-22": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-09-29": "National Day,\u56FD\u5E86\u8282,3", "2013-10-12": "National Day,\u56FD\u5E86\u8282,3", "2012-01-21": "Spring Festival,\u6625\u8282,3", "2012-01-29": "Spring Festival,\u6625\u8282,3", "2012-03-31": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-01": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2012-09-29": "National Day,\u56FD\u5E86\u8282,3", "2011-01-30": "Spring Festival,\u6625\u8282,3", "2011-02-12": "Spring Festival,\u6625\u8282,3", "2011-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-10-08": "National Day,\u56FD\u5E86\u8282,3", "2011-10-09": "National Day,\u56FD\u5E86\u8282,3", "2011-12-31": "New Year's Day,\u5143\u65E6,1", "2010-02-20": "Spring Festival,\u6625\u8282,3", "2010-02-21": "Spring Festival,\u6625\u8282,3", "2010-06-12": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-06-13": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-09-19": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-25": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-26": "National Day,\u56FD\u5E86\u8282,3", "2010-10-09": "National Day,\u56FD\u5E86\u8282,3", "2009-01-04": "New Year's Day,\u5143\u65E6,1", "2009-01-24": "Spring Festival,\u6625\u8282,3", "2009-02-01": "Spring Festival,\u6625\u8282,3", "2009-05-31": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-09-27": "National Day,\u56FD\u5E86\u8282,3", "2009-10-10": "National Day,\u56FD\u5E86\u8282,3", "2008-02-02": "Spring Festival,\u6625\u8282,3", "2008-02-03": "Spring Festival,\u6625\u8282,3", "2008-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2008-09-27": "National Day,\u56FD\u5E86\u8282,3", "2008-09-28": "National Day,\u56FD\u5E86\u8282,3", "2007-02-17": "Spring Festival,\u6625\u8282,3", "2007-02-25": "Spring Festival,\u6625\u8282,3", "2007-04-28": "Labour Day,\u52B3\u52A8\u8282,3", "2007-04-29": "Labour Day,\u52B3\u52A8\u8282,3", "2007-09-29": "National Day,\u56FD\u5E86\u8282,3", "2007-09-30": "National Day,\u56FD\u5E86\u8282,3", "2007-12-29": "New Year's Day,\u5143\u65E6,1", "2006-01-28": "Spring Festival,\u6625\u8282,3", "2006-02-05": "Spring Festival,\u6625\u8282,3", "2006-04-29": "Labour Day,\u52B3\u52A8\u8282,3", "2006-04-30": "Labour Day,\u52B3\u52A8\u8282,3", "2006-09-30": "National Day,\u56FD\u5E86\u8282,3", "2006-10-08": "National Day,\u56FD\u5E86\u8282,3", "2006-12-30": "New Year's Day,\u5143\u65E6,1", "2006-12-31": "New Year's Day,\u5143\u65E6,1", "2005-02-05": "Spring Festival,\u6625\u8282,3", "2005-02-06": "Spring Festival,\u6625\u8282,3", "2005-04-30": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-08": "Labour Day,\u52B3\u52A8\u8282,3", "2005-10-08": "National Day,\u56FD\u5E86\u8282,3", "2005-10-09": "National Day,\u56FD\u5E86\u8282,3", "2004-01-17": "Spring Festival,\u6625\u8282,3", "2004-01-18": "Spring Festival,\u6625\u8282,3", "2004-05-08": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-09": "Labour Day,\u52B3\u52A8\u8282,3", "2004-10-09": "National Day,\u56FD\u5E86\u8282,3", "2004-10-10": "National Day,\u56FD\u5E86\u8282,3" }, inLieuDays: { "2026-01-02": "New Year's Day,\u5143\u65E6,1", "2026-02-20": "Spring Festival,\u6625\u8282,4", "2026-02-23": "Spring Festival,\u6625\u8282,4", "2026-05-05": "Labour Day,\u52B3\u52A8\u8282,2", "2026-10-06": "National Day,\u56FD\u5E86\u8282,3", "2026-10-07": "National Day,\u56FD\u5E86\u8282,3", "2025-02-03": "Spring Festival,\u6625\u8282,4", "2025-02-04": "Spring Festival,\u6625\u8282,4", "2025-05-05": "Labour Day,\u52B3\u52A8\u8282,2", "2025-10-07": "National Day,\u56FD\u5E86\u8282,3", "2025-10-08": "National Day,\u56FD\u5E86\u8282,3", "2024-02-15": "Spring Festival,\u6625\u8282,3", "2024-02-16": "Spring Festival,\u6625\u8282,3", "2024-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2024-09-16": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-10-04": "National Day,\u56FD\u5E86\u8282,3", "2024-10-07": "National Day,\u56FD\u5E86\u8282,3", "2023-01-26": "Spring Festival,\u6625\u8282,3", "2023-01-27": "Spring Festival,\u6625\u8282,3", "2023-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2023-06-23": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-10-05": "National Day,\u56FD\u5E86\u8282,3", "2023-10-06": "National Day,\u56FD\u5E86\u8282,3", "2022-02-03": "Spring Festival,\u6625\u8282,3", "2022-02-04": "Spring Festival,\u6625\u8282,3", "2022-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2022-10-06": "National Day,\u56FD\u5E86\u8282,3", "2022-10-07": "National Day,\u56FD\u5E86\u8282,3", "2021-02-16": "Spring Festival,\u6625\u8282,3", "2021-02-17": "Spring Festival,\u6625\u8282,3", "2021-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2021-09-20": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-10-06": "National Day,\u56FD\u5E86\u8282,3", "2021-10-07": "National Day,\u56FD\u5E86\u8282,3", "2020-01-29": "Spring Festival,\u6625\u8282,3", "2020-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2020-06-26": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-10-07": "National Day,\u56FD\u5E86\u8282,3", "2020-10-08": "National Day,\u56FD\u5E86\u8282,3", "2019-02-04": "Spring Festival,\u6625\u8282,3", "2019-02-08": "Spring Festival,\u6625\u8282,3", "2019-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2019-10-04": "National Day,\u56FD\u5E86\u8282,3", "2019-10-07": "National Day,\u56FD\u5E86\u8282,3", "2018-02-19": "Spring Festival,\u6625\u8282,3", "2018-02-20": "Spring Festival,\u6625\u8282,3", "2018-02-21": "Spring Festival,\u6625\u8282,3", "2018-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2018-10-04": "National Day,\u56FD\u5E86\u8282,3", "2018-10-05": "National Day,\u56FD\u5E86\u8282,3", "2018-12-31": "New Year's Day,\u5143\u65E6,1", "2017-02-01": "Spring Festival,\u6625\u8282,3", "2017-02-02": "Spring Festival,\u6625\u8282,3", "2017-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-05-29": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-10-06": "National Day,\u56FD\u5E86\u8282,3", "2016-02-11": "Spring Festival,\u6625\u8282,3", "2016-02-12": "Spring Festival,\u6625\u8282,3", "2016-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-09-16": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-10-06": "National Day,\u56FD\u5E86\u8282,3", "2016-10-07": "National Day,\u56FD\u5E86\u8282,3", "2015-01-02": "New Year's Day,\u5143\u65E6,1", "2015-02-23": "Spring Festival,\u6625\u8282,3", "2015-02-24": "Spring Festival,\u6625\u8282,3", "2015-10-07": "National Day,\u56FD\u5E86\u8282,3", "2015-09-04": "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5,1", "2014-02-05": "Spring Festival,\u6625\u8282,3", "2014-02-06": "Spring Festival,\u6625\u8282,3", "2014-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2014-10-06": "National Day,\u56FD\u5E86\u8282,3", "2014-10-07": "National Day,\u56FD\u5E86\u8282,3", "2013-01-02": "New Year's Day,\u5143\u65E6,1", "2013-01-03": "New Year's Day,\u5143\u65E6,1", "2013-02-14": "Spring Festival,\u6625\u8282,3", "2013-02-15": "Spring Festival,\u6625\u8282,3", "2013-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2013-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2013-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-06-11": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-09-20": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-10-04": "National Day,\u56FD\u5E86\u8282,3", "2013-10-07": "National Day,\u56FD\u5E86\u8282,3", "2012-01-03": "New Year's Day,\u5143\u65E6,1", "2012-01-26": "Spring Festival,\u6625\u8282,3", "2012-01-27": "Spring Festival,\u6625\u8282,3", "2012-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2012-10-05": "National Day,\u56FD\u5E86\u8282,3", "2011-02-07": "Spring Festival,\u6625\u8282,3", "2011-02-08": "Spring Festival,\u6625\u8282,3", "2011-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-10-06": "National Day,\u56FD\u5E86\u8282,3", "2011-10-07": "National Day,\u56FD\u5E86\u8282,3", "2010-02-18": "Spring Festival,\u6625\u8282,3", "2010-02-19": "Spring Festival,\u6625\u8282,3", "2010-06-14": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-06-15": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-09-23": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-24": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-10-06": "National Day,\u56FD\u5E86\u8282,3", "2010-10-07": "National Day,\u56FD\u5E86\u8282,3", "2009-01-02": "New Year's Day,\u5143\u65E6,1", "2009-01-29": "Spring Festival,\u6625\u8282,3", "2009-01-30": "Spring Festival,\u6625\u8282,3", "2009-05-29": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-10-07": "National Day,\u56FD\u5E86\u8282,3", "2009-10-08": "National Day,\u56FD\u5E86\u8282,3", "2008-02-11": "Spring Festival,\u6625\u8282,3", "2008-02-12": "Spring Festival,\u6625\u8282,3", "2008-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2008-09-29": "National Day,\u56FD\u5E86\u8282,3", "2008-09-30": "National Day,\u56FD\u5E86\u8282,3", "2007-01-02": "New Year's Day,\u5143\u65E6,1", "2007-01-03": "New Year's Day,\u5143\u65E6,1", "2007-02-22": "Spring Festival,\u6625\u8282,3", "2007-02-23": "Spring Festival,\u6625\u8282,3", "2007-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2007-10-04": "National Day,\u56FD\u5E86\u8282,3", "2007-10-05": "National Day,\u56FD\u5E86\u8282,3", "2007-12-31": "New Year's Day,\u5143\u65E6,1", "2006-02-02": "Spring Festival,\u6625\u8282,3", "2006-02-03": "Spring Festival,\u6625\u8282,3", "2006-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2006-10-05": "National Day,\u56FD\u5E86\u8282,3", "2006-10-06": "National Day,\u56FD\u5E86\u8282,3", "2005-02-14": "Spring Festival,\u6625\u8282,3", "2005-02-15": "Spring Festival,\u6625\u8282,3", "2005-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2005-10-06": "National Day,\u56FD\u5E86\u8282,3", "2005-10-07": "National Day,\u56FD\u5E86\u8282,3", "2004-01-27": "Spring Festival,\u6625\u8282,3", "2004-01-28": "Spring Festival,\u6625\u8282,3", "2004-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2004-10-06": "National Day,\u56FD\u5E86\u8282,3", "2004-10-07": "National Day,\u56FD\u5E86\u8282,3" } };

// src/domain/calendar.ts
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
var DAY_MS = 864e5;
var DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
function parseUtc(date) {
  const t = DATE_RE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date ? t : NaN;
}
var isRealDate = (date) => !Number.isNaN(parseUtc(date));
function toUtc(date) {
  const t = parseUtc(date);
  if (Number.isNaN(t)) throw new Error(`"${date}" \u4E0D\u662F\u6709\u6548\u65E5\u671F\uFF08\u5E94\u4E3A YYYY-MM-DD\uFF09`);
  return t;
}
var fromUtc = (t) => new Date(t).toISOString().slice(0, 10);
function chinaDate(now2) {
  return fromUtc(now2.getTime() + 8 * 36e5);
}
function addDays(date, n) {
  return fromUtc(toUtc(date) + n * DAY_MS);
}
var official = /* @__PURE__ */ new Map();
function officialYear(year) {
  let y = official.get(year);
  if (!y) official.set(year, y = { off: /* @__PURE__ */ new Set(), on: /* @__PURE__ */ new Set() });
  return y;
}
for (const d of Object.keys(chinese_days_default.holidays)) officialYear(Number(d.slice(0, 4))).off.add(d);
for (const d of Object.keys(chinese_days_default.workdays)) officialYear(Number(d.slice(0, 4))).on.add(d);
var MIN_YEAR = 1901;
var MAX_YEAR = 2099;
function lunarToSolar(year, month, day) {
  return import_chinese_days.default.getSolarDateFromLunar(new Date(year, month - 1, day)).date;
}
function qingming(year) {
  const raw = import_chinese_days.default.getSolarTermDate(year, 4, "pure_brightness");
  const westOfUtc = new Date(Date.UTC(year, 3, 4)).getTimezoneOffset() > 0;
  return westOfUtc ? addDays(raw, 1) : raw;
}
function statutoryHolidays(year) {
  const pad = (n) => String(n).padStart(2, "0");
  const d = (m, day) => `${year}-${pad(m)}-${pad(day)}`;
  const springFestival = lunarToSolar(year, 1, 1);
  return [
    d(1, 1),
    // 元旦
    addDays(springFestival, -1),
    // 除夕 (the eve, whether lunar 12/29 or 12/30)
    springFestival,
    addDays(springFestival, 1),
    addDays(springFestival, 2),
    // 初三
    qingming(year),
    // 清明
    d(5, 1),
    d(5, 2),
    // 劳动节
    lunarToSolar(year, 5, 5),
    // 端午
    lunarToSolar(year, 8, 15),
    // 中秋
    d(10, 1),
    d(10, 2),
    d(10, 3)
    // 国庆
  ];
}
var WorkCalendar = class {
  overrideOff;
  overrideOn;
  years = /* @__PURE__ */ new Map();
  constructor(overrides = {}) {
    const holidays = overrides.holidays ?? [];
    const workdays = overrides.workdays ?? [];
    for (const d of [...holidays, ...workdays]) {
      if (!isRealDate(d)) throw new Error(`\u65E5\u5386\u8986\u76D6: "${d}" \u4E0D\u662F\u6709\u6548\u65E5\u671F`);
    }
    this.overrideOff = new Set(holidays);
    this.overrideOn = new Set(workdays);
    for (const d of this.overrideOn) {
      if (this.overrideOff.has(d)) throw new Error(`\u65E5\u5386\u8986\u76D6: "${d}" \u540C\u65F6\u5217\u5728 holidays \u548C workdays \u4E2D`);
    }
  }
  /** Whether the State Council schedule for the year is in chinese-days' data (otherwise: computed fallback). */
  isKnownYear(year) {
    return (official.get(year)?.off.size ?? 0) > 0;
  }
  isWorkday(date) {
    return this.day(date).work;
  }
  /** Working days in (from, to] when to > from; minus those in (to, from] when to < from; 0 when equal. */
  workdaysBetween(from, to) {
    const a = this.day(from);
    const b = this.day(to);
    if (to < from) return -this.workdaysBetween(to, from);
    let count = b.upTo - a.upTo;
    for (let y = a.year; y < b.year; y++) count += this.table(y).total;
    return count;
  }
  /** The n-th working day after `date` (before, for negative n); `date` itself for n = 0. */
  addWorkdays(date, n) {
    if (!Number.isInteger(n)) throw new Error(`\u5DE5\u4F5C\u65E5\u6570\u5FC5\u987B\u662F\u6574\u6570: ${n}`);
    let day = this.day(date);
    for (let left = Math.abs(n); left > 0; ) {
      day = this.step(day, n > 0 ? 1 : -1);
      if (day.work) left--;
    }
    return day.date;
  }
  /** The first working day strictly after `date`. */
  nextWorkday(date) {
    return this.addWorkdays(date, 1);
  }
  /** `date` if it is a working day, else the next working day. */
  onOrAfterWorkday(date) {
    return this.isWorkday(date) ? date : this.addWorkdays(date, 1);
  }
  day(date) {
    const year = Number(date.slice(0, 4));
    const hit = this.years.get(year)?.byDate.get(date);
    if (hit) return hit;
    toUtc(date);
    return this.table(year).byDate.get(date);
  }
  /** The neighbouring day, walking the year tables rather than re-parsing date strings. */
  step(day, by) {
    const next = this.table(day.year).list[day.index + by];
    if (next) return next;
    return by > 0 ? this.table(day.year + 1).list[0] : this.table(day.year - 1).list.at(-1);
  }
  table(year) {
    const cached = this.years.get(year);
    if (cached) return cached;
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new Error(`\u5DE5\u4F5C\u65E5\u5386\u53EA\u652F\u6301 ${MIN_YEAR}\u2013${MAX_YEAR} \u5E74\uFF0C\u6536\u5230 ${year} \u5E74`);
    }
    const known = official.get(year);
    const off = this.isKnownYear(year) ? known.off : new Set(statutoryHolidays(year));
    const on = known?.on ?? /* @__PURE__ */ new Set();
    const list = [];
    let upTo = 0;
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY_MS) {
      const d = fromUtc(t);
      const weekday = new Date(t).getUTCDay();
      const work = this.overrideOn.has(d) ? true : this.overrideOff.has(d) ? false : on.has(d) || weekday !== 0 && weekday !== 6 && !off.has(d);
      if (work) upTo++;
      list.push({ date: d, year, index: list.length, work, upTo });
    }
    const table2 = { byDate: new Map(list.map((day) => [day.date, day])), list, total: upTo };
    this.years.set(year, table2);
    return table2;
  }
};
function createWorkCalendar(overrides) {
  return new WorkCalendar(overrides);
}

// src/logger.ts
import pino from "pino";

// src/config.ts
import { z } from "zod";
var optional = z.string().transform((s) => s.trim()).optional().transform((s) => s ? s : void 0);
var schema = z.object({
  PORT: optional.pipe(z.string().regex(/^\d+$/, "\u5E94\u4E3A\u7AEF\u53E3\u53F7\uFF080\u201365535\uFF09").transform(Number).pipe(z.number().max(65535, "\u5E94\u4E3A\u7AEF\u53E3\u53F7\uFF080\u201365535\uFF09")).optional()),
  HOST: optional,
  DATABASE_PATH: optional,
  ORG_FILE: optional,
  CALENDAR_FILE: optional,
  SCHEDULE_FILE: optional,
  LOG_LEVEL: optional.pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_DOMAIN: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  FEISHU_MODE: optional.pipe(z.enum(["webhook", "ws"]).optional())
});
var REDACT_PATHS = [
  "feishu.appSecret",
  "feishu.encryptKey",
  "feishu.verificationToken",
  "config.feishu.appSecret",
  "config.feishu.encryptKey",
  "config.feishu.verificationToken",
  "req.headers.authorization",
  'req.headers["x-lark-signature"]',
  "headers.authorization",
  "app_secret",
  "tenant_access_token",
  "*.app_secret",
  "*.tenant_access_token",
  "*.token"
];

// src/logger.ts
function createLogger(level = "info", destination) {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, base: { app: "duban" } }, destination);
}

// src/messenger/outbox.ts
import { randomUUID } from "node:crypto";
import { and, asc, eq as eq2, inArray, isNull, lte, or } from "drizzle-orm";

// src/db/org-repository.ts
import { eq, sql as sql2 } from "drizzle-orm";
var listUnits = (db2) => db2.select().from(units).orderBy(units.id).all();
var listPeople = (db2) => db2.select().from(people).orderBy(people.id).all();
var findUnit = (db2, id) => db2.select().from(units).where(eq(units.id, id)).get() ?? null;
function peopleWithRole(db2, role) {
  return db2.select().from(people).where(sql2`EXISTS (SELECT 1 FROM json_each(${people.roles}) WHERE value = ${role})`).all();
}

// src/messenger/messenger.ts
var SendError = class extends Error {
  constructor(message, retryable, code, retryAfterMs) {
    super(message);
    this.retryable = retryable;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
  retryable;
  code;
  retryAfterMs;
  name = "SendError";
};

// src/messenger/rate-limiter.ts
var FEISHU_LIMITS = { perSecond: 50, perMinute: 1e3, perReceiverPerSecond: 5 };
var RateLimiter = class {
  constructor(limits = FEISHU_LIMITS, clock = Date.now, sleep = (ms2) => new Promise((r2) => setTimeout(r2, ms2))) {
    this.limits = limits;
    this.clock = clock;
    this.sleep = sleep;
  }
  limits;
  clock;
  sleep;
  recent = [];
  byReceiver = /* @__PURE__ */ new Map();
  pausedUntil = 0;
  /** Feishu said to wait (429 with x-ogw-ratelimit-reset): nobody sends until then. */
  pause(ms2) {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms2);
  }
  /** How long to wait before a send to `receiver` would stay within every limit; 0 when it may go now. */
  waitFor(receiver) {
    const now2 = this.clock();
    this.recent = this.recent.filter((s) => s.t > now2 - 6e4);
    const mine = (this.byReceiver.get(receiver) ?? []).filter((s) => s.t > now2 - 1e3);
    if (mine.length) this.byReceiver.set(receiver, mine);
    else this.byReceiver.delete(receiver);
    let wait = Math.max(0, this.pausedUntil - now2);
    const within = (slots, span, max) => {
      const times = slots.filter((s) => s.t > now2 - span).map((s) => s.t).sort((a, b) => a - b);
      return times.length >= max ? times[times.length - max] + span - now2 : 0;
    };
    wait = Math.max(wait, within(this.recent, 1e3, this.limits.perSecond));
    wait = Math.max(wait, within(this.recent, 6e4, this.limits.perMinute));
    wait = Math.max(wait, within(mine, 1e3, this.limits.perReceiverPerSecond));
    return wait;
  }
  /** Waits until a send may go and takes a slot; call the returned `done` when its answer arrives. */
  async acquire(receiver) {
    for (; ; ) {
      const wait = this.waitFor(receiver);
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const slot = { t: this.clock() };
    this.recent.push(slot);
    const mine = this.byReceiver.get(receiver) ?? [];
    mine.push(slot);
    this.byReceiver.set(receiver, mine);
    return () => {
      slot.t = Math.max(slot.t, this.clock());
    };
  }
};

// src/messenger/outbox.ts
function personAddress(id) {
  if (id.startsWith("email:")) return { op: "send", receiveIdType: "email", receiveId: id.slice(6) };
  return { op: "send", receiveIdType: "open_id", receiveId: id };
}
function enqueue(tx, m, now2) {
  const res = tx.insert(outbox).values(outboxRow(m, now2)).onConflictDoNothing({ target: outbox.dedupeKey }).returning({ id: outbox.id }).get();
  return res?.id ?? null;
}
function outboxRow(m, now2) {
  const at = now2.toISOString();
  return {
    uuid: randomUUID(),
    dedupeKey: m.dedupeKey ?? null,
    op: m.to.op,
    receiveIdType: m.to.op === "send" ? m.to.receiveIdType : null,
    receiveId: m.to.op === "send" ? m.to.receiveId : null,
    targetMessageId: m.to.op === "send" ? null : m.to.targetMessageId,
    msgType: m.msgType,
    content: m.render ? "" : typeof m.content === "string" ? m.content : JSON.stringify(m.content),
    render: m.render ? JSON.stringify(m.render) : null,
    itemId: m.itemId ?? null,
    purpose: m.purpose,
    nextAttemptAt: at,
    createdAt: at
  };
}
function bulkEnqueuer(db2) {
  const stmt = db2.$client.prepare(`INSERT INTO outbox (uuid, dedupe_key, op, receive_id_type, receive_id, target_message_id, msg_type,
      content, render, item_id, purpose, status, attempts, next_attempt_at, created_at)
    VALUES (@uuid, @dedupeKey, @op, @receiveIdType, @receiveId, @targetMessageId, @msgType,
      @content, @render, @itemId, @purpose, 'pending', 0, @nextAttemptAt, @createdAt)
    ON CONFLICT(dedupe_key) DO NOTHING RETURNING id`);
  return (m, now2) => {
    const row = stmt.get(outboxRow(m, now2));
    return row?.id ?? null;
  };
}
var backoffMs = (attempt) => Math.min(3e5, 1e3 * 2 ** (attempt - 1));
var OutboxWorker = class {
  constructor(db2, messenger, log2, opts = {}) {
    this.db = db2;
    this.messenger = messenger;
    this.log = log2;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.concurrency = opts.concurrency ?? 8;
    this.batchSize = opts.batchSize ?? 200;
    this.leaseMs = opts.leaseMs ?? 6e4;
    this.limiter = opts.limiter ?? new RateLimiter();
    this.clock = opts.clock ?? (() => /* @__PURE__ */ new Date());
    this.render = opts.render;
    this.heldStmt = db2.$client.prepare(`SELECT coalesce(receive_id, target_message_id) AS k, min(id) AS first FROM outbox
      WHERE status = 'pending' AND (next_attempt_at > ? OR (lease_until IS NOT NULL AND lease_until > ?)) GROUP BY k`);
  }
  db;
  messenger;
  log;
  maxAttempts;
  concurrency;
  batchSize;
  leaseMs;
  limiter;
  clock;
  render;
  heldStmt;
  running = null;
  again = false;
  timer = null;
  /** Sends everything due at `now` (default: the clock), until nothing due is left. */
  async drain(now2 = this.clock) {
    const total = { sent: 0, retried: 0, failed: 0 };
    for (; ; ) {
      const batch = this.claimBatch(now2());
      if (batch.length === 0) return total;
      const r2 = await this.sendBatch(batch, now2);
      total.sent += r2.sent;
      total.retried += r2.retried;
      total.failed += r2.failed;
    }
  }
  /** Wakes the worker after a commit; a drain already running picks the new rows up on its next round. */
  kick() {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().catch((err) => {
      this.log.error({ err }, "outbox drain failed");
      return { sent: 0, retried: 0, failed: 0 };
    }).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }
  /** Polls for rows whose retry time has come. */
  start(intervalMs = 1e3) {
    this.timer ??= setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }
  /** Resolves once nothing is being sent (for tests and the CLI). */
  async idle() {
    while (this.running) await this.running;
  }
  claimBatch(now2) {
    const at = now2.toISOString();
    const leaseUntil = new Date(now2.getTime() + this.leaseMs).toISOString();
    return this.db.transaction(
      (tx) => {
        const held = /* @__PURE__ */ new Map();
        for (const h of this.heldStmt.all(at, at)) held.set(h.k, h.first);
        const due = tx.select().from(outbox).where(
          and(
            eq2(outbox.status, "pending"),
            lte(outbox.nextAttemptAt, at),
            or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, at))
          )
        ).orderBy(asc(outbox.id)).limit(this.batchSize * 4).all().filter((row) => {
          const first = held.get(row.receiveId ?? row.targetMessageId ?? "");
          return first === void 0 || first > row.id;
        }).slice(0, this.batchSize);
        for (const row of due) tx.update(outbox).set({ leaseUntil }).where(eq2(outbox.id, row.id)).run();
        return due;
      },
      { behavior: "immediate" }
    );
  }
  async sendBatch(batch, now2) {
    const r2 = { sent: 0, retried: 0, failed: 0 };
    const queues = /* @__PURE__ */ new Map();
    for (const row of batch) {
      const key = row.receiveId ?? row.targetMessageId ?? String(row.id);
      queues.set(key, [...queues.get(key) ?? [], row]);
    }
    const lanes = [...queues.entries()];
    const tried = /* @__PURE__ */ new Set();
    const worker = async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        const [receiver, rows] = lane;
        for (const row of rows) {
          tried.add(row.id);
          const outcome = await this.sendOne(row, receiver, now2);
          r2[outcome]++;
          if (outcome === "retried") break;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, lanes.length) }, worker));
    const untried = batch.filter((b) => !tried.has(b.id)).map((b) => b.id);
    if (untried.length) this.db.update(outbox).set({ leaseUntil: null }).where(inArray(outbox.id, untried)).run();
    return r2;
  }
  async sendOne(row, receiver, now2) {
    let content = row.content;
    if (row.render) {
      try {
        if (!this.render) throw new Error("no renderer configured for cards drawn at send time");
        content = this.render(JSON.parse(row.render), row);
      } catch (err) {
        this.park(row, row.attempts + 1, new SendError(`render: ${err instanceof Error ? err.message : String(err)}`, false), now2());
        return "failed";
      }
    }
    const done = await this.limiter.acquire(receiver);
    const message = { msgType: row.msgType, content, uuid: row.uuid };
    try {
      let messageId = row.targetMessageId;
      if (row.op === "send") {
        messageId = (await this.messenger.send({ receiveIdType: row.receiveIdType, receiveId: row.receiveId }, message)).messageId;
      } else if (row.op === "reply") {
        messageId = (await this.messenger.reply(row.targetMessageId, message)).messageId;
      } else {
        await this.messenger.patch(row.targetMessageId, content);
      }
      done();
      this.db.update(outbox).set({ status: "sent", messageId, sentAt: now2().toISOString(), attempts: row.attempts + 1, leaseUntil: null, lastError: null }).where(eq2(outbox.id, row.id)).run();
      return "sent";
    } catch (err) {
      done();
      const e = err instanceof SendError ? err : new SendError(String(err), true);
      const attempts = row.attempts + 1;
      if (e.retryAfterMs) this.limiter.pause(e.retryAfterMs);
      if (e.retryable && attempts < this.maxAttempts) {
        const next = new Date(now2().getTime() + Math.max(e.retryAfterMs ?? 0, backoffMs(attempts)));
        this.db.update(outbox).set({ attempts, nextAttemptAt: next.toISOString(), leaseUntil: null, lastError: e.message }).where(eq2(outbox.id, row.id)).run();
        this.log.warn({ outboxId: row.id, attempts, err: e.message }, "send failed, will retry");
        return "retried";
      }
      this.park(row, attempts, e, now2());
      return "failed";
    }
  }
  /** Gives up on a row and tells the admins, so a lost message is a known one. */
  park(row, attempts, e, now2) {
    this.db.transaction((tx) => {
      tx.update(outbox).set({ status: "failed", attempts, leaseUntil: null, lastError: e.message }).where(eq2(outbox.id, row.id)).run();
      if (row.purpose === "alert") return;
      const text2 = `\u3010\u7763\u529E\u52A9\u624B\u3011\u6D88\u606F\u53D1\u9001\u5931\u8D25\uFF08\u7B2C ${row.id} \u6761\uFF0C${row.purpose}\uFF0C\u5DF2\u5C1D\u8BD5 ${attempts} \u6B21\uFF09\uFF1A${e.message}`;
      for (const admin of peopleWithRole(tx, "admin")) {
        enqueue(tx, { to: personAddress(admin.id), msgType: "text", content: { text: text2 }, purpose: "alert", dedupeKey: `alert:${row.id}:${admin.id}` }, now2);
      }
    });
    this.log.error({ outboxId: row.id, attempts, err: e.message, code: e.code }, "send failed for good; admins alerted");
  }
};

// src/domain/chase-ladder.ts
var DEFAULT_LADDER = {
  unclaimedAfter: 1,
  beforeDeadline: [3, 1],
  warningAfter: 3,
  interviewAfter: 10,
  flagged: { beforeDeadline: [5, 3, 2, 1], warningAfter: 1, interviewAfter: 5, unclaimedAfter: 1 }
};
var CHASED = ["assigned", "in_progress"];
function ladderAt(now2, cal2, cfg = DEFAULT_LADDER) {
  const today = chinaDate(now2);
  if (!cal2.isWorkday(today)) return () => [];
  return (item) => stepsFor(item, today, cal2, cfg);
}
function stepsFor(item, today, cal2, cfg) {
  if (!CHASED.includes(item.state) || item.hasPendingExtension) return [];
  const rungs = item.flagged ? cfg.flagged : cfg;
  const { id, deadline } = item;
  const overdue = today > deadline;
  const late = overdue ? Math.max(1, cal2.workdaysBetween(deadline, today)) : 0;
  const left = overdue ? 0 : cal2.workdaysBetween(today, deadline);
  const workdays = overdue ? -late : left;
  const steps = [];
  const add = (kind, key, audience) => steps.push({ kind, key: `${kind}:${id}:${key}`, audience, workdays });
  if (item.state === "assigned" && item.assignedAt) {
    const waited = cal2.workdaysBetween(isoChinaDate(item.assignedAt), today);
    if (waited >= rungs.unclaimedAfter) add("unclaimed", `${deadline}:${today}`, ["unit"]);
  }
  if (!overdue) {
    if (today === deadline || left === 0) add("due_today", deadline, ["unit"]);
    else if (rungs.beforeDeadline.includes(left)) add("due_soon", `${deadline}:${left}`, ["unit"]);
  } else {
    add("overdue", `${deadline}:${today}`, ["unit"]);
    if (late >= rungs.warningAfter) add("warning", deadline, ["unit", "leader", "supervisors"]);
    if (late >= rungs.interviewAfter) add("interview_proposal", deadline, ["supervisors"]);
  }
  if (item.state === "in_progress") {
    const due = progressDueToday(item, today, cal2);
    if (due) add("progress_request", due, ["unit"]);
    const missed = progressMissed(item, today, cal2);
    if (missed) add("progress_missed", missed, ["supervisors"]);
  }
  return steps;
}
function progressDueToday(item, today, cal2) {
  const dates = progressDueDates(item, today, cal2);
  return dates.at(-1) === today ? today : null;
}
function progressMissed(item, today, cal2) {
  const dates = progressDueDates(item, today, cal2);
  const previous = dates.at(-2);
  if (!previous) return null;
  const reported = item.lastProgressAt ? isoChinaDate(item.lastProgressAt) : null;
  return reported !== null && reported >= previous ? null : previous;
}
function progressDueDates(item, upTo, cal2) {
  if (item.progressCycle === "none" || !item.claimedAt) return [];
  const anchor = isoChinaDate(item.claimedAt);
  let memo = SCHEDULES.get(cal2);
  if (!memo || memo.size > 2e4) SCHEDULES.set(cal2, memo = /* @__PURE__ */ new Map());
  const key = `${item.progressCycle}|${anchor}|${upTo}`;
  let dates = memo.get(key);
  if (!dates) memo.set(key, dates = computeDueDates(item.progressCycle, anchor, upTo, cal2));
  return dates;
}
var SCHEDULES = /* @__PURE__ */ new WeakMap();
function computeDueDates(cycle, anchor, upTo, cal2) {
  const dates = [];
  for (let k = 1; ; k++) {
    const nominal = nominalDue(cycle, anchor, k);
    if (nominal > upTo) break;
    const due = cal2.onOrAfterWorkday(nominal);
    if (due > upTo) break;
    if (dates.at(-1) !== due) dates.push(due);
  }
  return dates;
}
function nominalDue(cycle, anchor, k) {
  if (cycle === "weekly") return addDays(anchor, 7 * k);
  if (cycle === "biweekly") return addDays(anchor, 14 * k);
  const [y, m, d] = anchor.split("-").map(Number);
  const monthIndex = m - 1 + k;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, "0");
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}
function isoChinaDate(iso) {
  if (iso.length === 24 && iso[10] === "T" && iso.endsWith("Z")) {
    const hour = Number(iso.slice(11, 13));
    return hour < 16 ? iso.slice(0, 10) : addDays(iso.slice(0, 10), 1);
  }
  return chinaDate(new Date(iso));
}

// src/scheduler/chase-sweep.ts
var BATCH = 2e3;
function runChaseSweep(db2, calendar, now2, cfg) {
  const date = chinaDate(now2);
  const result = { date, scanned: 0, due: 0, recorded: 0, planned: 0, byKind: {} };
  if (!calendar.isWorkday(date)) return { ...result, skipped: "\u975E\u5DE5\u4F5C\u65E5" };
  const pending = new Set(
    db2.$client.prepare("SELECT item_id FROM extensions WHERE status = 'pending'").pluck().all()
  );
  const scan = db2.$client.prepare(`
    SELECT id, state, deadline, flagged, assigned_at, claimed_at, progress_cycle, lead_unit_id, leader_id,
      CASE WHEN progress_cycle != 'none' THEN (SELECT MAX(created_at) FROM progress_reports p WHERE p.item_id = items.id) END AS last_progress
    FROM items WHERE +state IN ('assigned', 'in_progress') AND id > ? ORDER BY id LIMIT ?`);
  const writer = new StepWriter(db2, now2);
  const stepsOf = ladderAt(now2, calendar, cfg.ladder);
  let after = 0;
  for (; ; ) {
    const rows = scan.all(after, BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    result.scanned += rows.length;
    const due = [];
    for (const r2 of rows) {
      const li = {
        id: r2.id,
        state: r2.state,
        deadline: r2.deadline,
        flagged: r2.flagged === 1,
        assignedAt: r2.assigned_at,
        claimedAt: r2.claimed_at,
        progressCycle: r2.progress_cycle,
        lastProgressAt: r2.last_progress,
        hasPendingExtension: pending.has(r2.id)
      };
      for (const step of stepsOf(li)) due.push([r2, step]);
    }
    result.due += due.length;
    if (due.length) db2.transaction((tx) => writer.writeBatch(tx, due, result), { behavior: "immediate" });
  }
  return result;
}
var StepWriter = class {
  constructor(db2, now2) {
    this.now = now2;
    this.at = now2.toISOString();
    this.recordedPairs = db2.$client.prepare(
      "SELECT step_key || char(10) || recipient FROM chases WHERE step_key IN (SELECT value FROM json_each(?))"
    ).pluck();
    this.insertChase = db2.$client.prepare(
      "INSERT INTO chases (item_id, kind, step_key, recipient, automatic, at, outbox_id) VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING"
    );
    this.dropOutbox = db2.$client.prepare("DELETE FROM outbox WHERE id = ?");
    this.enqueue = bulkEnqueuer(db2);
  }
  now;
  unitPeople = /* @__PURE__ */ new Map();
  supervisors = null;
  at;
  recordedPairs;
  insertChase;
  dropOutbox;
  enqueue;
  writeBatch(tx, due, r2) {
    const done = new Set(this.recordedPairs.all(JSON.stringify(due.map(([, s]) => s.key))));
    const work = due.map(([row, step]) => ({ row, step, targets: this.targets(tx, row, step).filter((t) => !done.has(`${step.key}
${t.to}`)) }));
    for (const { row, step, targets } of work) {
      for (const t of targets) {
        const outboxId = t.card ? this.enqueue({ to: personAddress(t.to), msgType: "interactive", content: "", render: t.card, purpose: `chase:${step.kind}`, itemId: row.id }, this.now) : null;
        if (this.insertChase.run(row.id, step.kind, step.key, t.to, this.at, outboxId).changes === 0) {
          if (outboxId) this.dropOutbox.run(outboxId);
          continue;
        }
        r2.recorded++;
        r2.byKind[step.kind] = (r2.byKind[step.kind] ?? 0) + 1;
        if (outboxId) r2.planned++;
      }
    }
  }
  /** Who hears of a step, and which card each gets (drawn when sent: see chase-card-render.ts). */
  targets(tx, row, step) {
    const unit = this.people(tx, row.lead_unit_id);
    switch (step.kind) {
      case "warning":
        return [
          ...unit.head ? [{ to: unit.head, card: { card: "chase", kind: "warning" } }] : [],
          { to: row.leader_id, card: { card: "chase", kind: "warning", forLeader: true } },
          { to: "supervisors", card: null }
          // a line in the supervisors' daily summary
        ];
      case "interview_proposal":
        return this.supervisorIds(tx).map((to) => ({ to, card: { card: "chase", kind: "interview_proposal" } }));
      case "progress_missed":
        return [{ to: "supervisors", card: null }];
      default: {
        const periodDue = step.kind === "progress_request" ? step.key.split(":").at(-1) : void 0;
        const card = { card: "chase", kind: step.kind, ...periodDue ? { periodDue } : {} };
        return unit.all.map((to) => ({ to, card }));
      }
    }
  }
  people(tx, unitId) {
    let p = this.unitPeople.get(unitId);
    if (!p) {
      const u = findUnit(tx, unitId);
      p = { head: u?.headId ?? null, all: [...new Set([u?.headId, ...u?.liaisonIds ?? []].filter((x) => !!x))] };
      this.unitPeople.set(unitId, p);
    }
    return p;
  }
  supervisorIds(tx) {
    return this.supervisors ??= peopleWithRole(tx, "supervisor").map((p) => p.id);
  }
};

// src/services/import-org.ts
import { notInArray } from "drizzle-orm";

// src/org/parse-org.ts
import { LineCounter as LineCounter2, parseDocument as parseDocument2, isAlias, isMap as isMap2, isScalar as isScalar2, isSeq as isSeq2 } from "yaml";
function formatOrgProblem(p) {
  const where = [p.line !== null ? `\u7B2C ${p.line} \u884C` : "", p.path].filter((s) => s !== "").join(" ");
  return where === "" ? p.message : `${where}: ${p.message}`;
}
var OrgFileError = class extends Error {
  constructor(problems) {
    super(`\u7EC4\u7EC7\u67B6\u6784\u6587\u4EF6\u6709 ${problems.length} \u5904\u95EE\u9898\uFF1A
${problems.map(formatOrgProblem).join("\n")}`);
    this.problems = problems;
    this.name = "OrgFileError";
  }
  problems;
};

// src/db/history-repository.ts
import { and as and2, asc as asc2, eq as eq3 } from "drizzle-orm";
function insertAudit(tx, e) {
  tx.insert(auditLog).values({ ...e, changes: e.changes ?? {}, fromState: e.fromState ?? null, toState: e.toState ?? null }).run();
}

// src/services/import-org.ts
var same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function importOrg(db2, org, actorId, now2) {
  const at = now2.toISOString();
  return db2.transaction(
    (tx) => {
      const r2 = { unitsAdded: 0, unitsUpdated: 0, peopleAdded: 0, peopleUpdated: 0, peopleRetired: 0, unitsNotInFile: [] };
      const oldUnits = new Map(listUnits(tx).map((u) => [u.id, u]));
      for (const u of org.units) {
        const holder = [...oldUnits.values()].find((o) => o.name === u.name && o.id !== u.id);
        if (holder && !org.units.some((x) => x.id === holder.id && x.name !== u.name)) {
          throw new OrgFileError([{ line: null, path: `units(${u.id}).name`, message: `\u5355\u4F4D\u540D\u79F0\u201C${u.name}\u201D\u5DF2\u88AB\u5355\u4F4D ${holder.id} \u4F7F\u7528\uFF1B\u5982\u9700\u66F4\u6362\u5355\u4F4D id\uFF0C\u8BF7\u5148\u4E3A ${holder.id} \u6539\u540D` }]);
        }
      }
      for (const u of org.units) {
        const row = { id: u.id, name: u.name, headId: u.head, liaisonIds: u.liaisons, chatId: u.chat };
        const old = oldUnits.get(u.id);
        if (!old) {
          r2.unitsAdded++;
        } else if (old.name !== row.name || old.headId !== row.headId || old.chatId !== row.chatId || !same(old.liaisonIds, row.liaisonIds)) {
          r2.unitsUpdated++;
        } else continue;
        tx.insert(units).values({ ...row, updatedAt: at }).onConflictDoUpdate({ target: units.id, set: { ...row, updatedAt: at } }).run();
      }
      const inFile = new Set(org.units.map((u) => u.id));
      r2.unitsNotInFile = [...oldUnits.keys()].filter((id) => !inFile.has(id));
      const oldPeople = new Map(listPeople(tx).map((p) => [p.id, p]));
      for (const p of org.people) {
        const row = { id: p.id, name: p.name, roles: [...p.roles], leads: p.leads };
        const old = oldPeople.get(p.id);
        if (!old) r2.peopleAdded++;
        else if (old.name !== row.name || !same(old.roles, row.roles) || !same(old.leads, row.leads)) r2.peopleUpdated++;
        else continue;
        tx.insert(people).values({ ...row, updatedAt: at }).onConflictDoUpdate({ target: people.id, set: { ...row, updatedAt: at } }).run();
      }
      const listed = org.people.map((p) => p.id);
      const retired = [...oldPeople.values()].filter((p) => !listed.includes(p.id) && (p.roles.length || p.leads.length));
      if (retired.length) {
        tx.update(people).set({ roles: [], leads: [], updatedAt: at }).where(notInArray(people.id, listed.length ? listed : [""])).run();
        r2.peopleRetired = retired.length;
      }
      const changed = r2.unitsAdded + r2.unitsUpdated + r2.peopleAdded + r2.peopleUpdated + r2.peopleRetired;
      if (changed) {
        insertAudit(tx, { itemId: null, actorId, channel: "cli", action: "org_import", changes: { ...r2 }, at });
      }
      return r2;
    },
    { behavior: "immediate" }
  );
}

// scripts/bench-lib.ts
var MemoryMonitor = class _MemoryMonitor {
  timer;
  peakSampled = 0;
  peakPhase = "";
  samples = 0;
  phase = "start";
  hwmByPhase = [];
  constructor(everyMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }
  sample() {
    const rss = process.memoryUsage.rss();
    this.samples++;
    if (rss > this.peakSampled) {
      this.peakSampled = rss;
      this.peakPhase = this.phase;
    }
  }
  /** The kernel's peak resident set of this process so far, in bytes. */
  static hwm() {
    return process.resourceUsage().maxRSS * 1024;
  }
  /** Closes the current phase (records its end RSS and the high-water mark so far) and starts the next. */
  enter(phase) {
    this.sample();
    this.hwmByPhase.push({ phase: this.phase, rss: process.memoryUsage.rss(), hwm: _MemoryMonitor.hwm() });
    this.phase = phase;
  }
  stop() {
    this.enter("end");
    clearInterval(this.timer);
  }
  /** Peak over the run: the larger of the timer's samples and the kernel's high-water mark. */
  peak() {
    return Math.max(this.peakSampled, _MemoryMonitor.hwm());
  }
};

// ../../tmp/p2.ts
var r = () => (process.memoryUsage.rss() / 1048576).toFixed(1) + " heap " + (process.memoryUsage().heapUsed / 1048576).toFixed(1);
console.log("imports", r(), typeof openDatabase, typeof runChaseSweep, typeof importOrg, typeof OutboxWorker, typeof MemoryMonitor);
var cal = createWorkCalendar();
console.log("cal", r());
globalThis.gc?.();
console.log("gc", r());
var log = createLogger("silent");
console.log("logger", r());
var mem = new MemoryMonitor(100);
console.log("mon", r());
var dir = mkdtempSync(join(tmpdir(), "duban-p-"));
console.log("tmp", r(), loadavg(), availableParallelism());
var db = openDatabase(join(dir, "a.db"));
console.log("db", r());
mem.stop();
