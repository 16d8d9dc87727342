var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
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
      }, at = Object.freeze(Object.defineProperty({ __proto__: null, getSolarTermDate: S, getSolarTerms: q, getSolarTermsInRange: T }, Symbol.toStringTag, { value: "Module" })), M = [19416, 19168, 42352, 21717, 53856, 55632, 91476, 22176, 39632, 21970, 19168, 42422, 42192, 53840, 119381, 46400, 54944, 44450, 38320, 84343, 18800, 42160, 46261, 27216, 27968, 109396, 11104, 38256, 21234, 18800, 25958, 54432, 59984, 28309, 23248, 11104, 100067, 37600, 116951, 51536, 54432, 120998, 46416, 22176, 107956, 9680, 37584, 53938, 43344, 46423, 27808, 46416, 86869, 19872, 42416, 83315, 21168, 43432, 59728, 27296, 44710, 43856, 19296, 43748, 42352, 21088, 62051, 55632, 23383, 22176, 38608, 19925, 19152, 42192, 54484, 53840, 54616, 46400, 46752, 103846, 38320, 18864, 43380, 42160, 45690, 27216, 27968, 44870, 43872, 38256, 19189, 18800, 25776, 29859, 59984, 27480, 21952, 43872, 38613, 37600, 51552, 55636, 54432, 55888, 30034, 22176, 43959, 9680, 37584, 51893, 43344, 46240, 47780, 44368, 21977, 19360, 42416, 86390, 21168, 43312, 31060, 27296, 44368, 23378, 19296, 42726, 42208, 53856, 60005, 54576, 23200, 30371, 38608, 19195, 19152, 42192, 118966, 53840, 54560, 56645, 46496, 22224, 21938, 18864, 42359, 42160, 43600, 111189, 27936, 44448, 84835, 37744, 18936, 18800, 25776, 92326, 59984, 27424, 108228, 43744, 41696, 53987, 51552, 54615, 54432, 55888, 23893, 22176, 42704, 21972, 21200, 43448, 43344, 46240, 46758, 44368, 21920, 43940, 42416, 21168, 45683, 26928, 29495, 27296, 44368, 84821, 19296, 42352, 21732, 53600, 59752, 54560, 55968, 92838, 22224, 19168, 43476, 41680, 53584, 62034, 54560], v = ["\u96F6", "\u4E00", "\u4E8C", "\u4E09", "\u56DB", "\u4E94", "\u516D", "\u4E03", "\u516B", "\u4E5D"], x = ["\u6B63", "\u4E8C", "\u4E09", "\u56DB", "\u4E94", "\u516D", "\u4E03", "\u516B", "\u4E5D", "\u5341", "\u51AC", "\u814A"], z = ["\u7532", "\u4E59", "\u4E19", "\u4E01", "\u620A", "\u5DF1", "\u5E9A", "\u8F9B", "\u58EC", "\u7678"], V = ["\u5B50", "\u4E11", "\u5BC5", "\u536F", "\u8FB0", "\u5DF3", "\u5348", "\u672A", "\u7533", "\u9149", "\u620C", "\u4EA5"], nt = ["\u9F20", "\u725B", "\u864E", "\u5154", "\u9F99", "\u86C7", "\u9A6C", "\u7F8A", "\u7334", "\u9E21", "\u72D7", "\u732A"], Z = (r2) => {
        let t = 348;
        for (let e = 32768; e > 8; e >>= 1) t += M[r2 - 1900] & e ? 1 : 0;
        return t + N(r2);
      }, L = (r2) => M[r2 - 1900] & 15, N = (r2) => L(r2) ? M[r2 - 1900] & 65536 ? 30 : 29 : 0, O = (r2) => z[r2 % 10] + V[r2 % 12], m = (r2, t) => M[r2 - 1900] & 65536 >> t ? 30 : 29, ot = (r2) => nt[(r2 - 4) % 12], st = (r2) => {
        const t = ["\u521D", "\u5341", "\u5EFF", "\u4E09\u5341"];
        if (r2 === 10) return "\u521D\u5341";
        if (r2 === 20) return "\u4E8C\u5341";
        if (r2 === 30) return "\u4E09\u5341";
        const e = Math.floor(r2 / 10), a = r2 % 10;
        return t[e] + v[a];
      }, it = (r2) => `${z[(r2 - 4) % 10]}${V[(r2 - 4) % 12]}\u5E74`, $ = (r2, t) => {
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
        for (let c2 = 1900; c2 < e; c2++) s += Z(c2);
        const o = L(e);
        for (let c2 = 1; c2 < a; c2++) s += m(e, c2), c2 === o && (s += N(e));
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

// node_modules/chinese-days/dist/chinese-days.json
var chinese_days_default;
var init_chinese_days = __esm({
  "node_modules/chinese-days/dist/chinese-days.json"() {
    chinese_days_default = { holidays: { "2026-01-01": "New Year's Day,\u5143\u65E6,1", "2026-01-02": "New Year's Day,\u5143\u65E6,1", "2026-01-03": "New Year's Day,\u5143\u65E6,1", "2026-02-15": "Spring Festival,\u6625\u8282,4", "2026-02-16": "Spring Festival,\u6625\u8282,4", "2026-02-17": "Spring Festival,\u6625\u8282,4", "2026-02-18": "Spring Festival,\u6625\u8282,4", "2026-02-19": "Spring Festival,\u6625\u8282,4", "2026-02-20": "Spring Festival,\u6625\u8282,4", "2026-02-21": "Spring Festival,\u6625\u8282,4", "2026-02-22": "Spring Festival,\u6625\u8282,4", "2026-02-23": "Spring Festival,\u6625\u8282,4", "2026-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2026-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2026-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2026-05-01": "Labour Day,\u52B3\u52A8\u8282,2", "2026-05-02": "Labour Day,\u52B3\u52A8\u8282,2", "2026-05-03": "Labour Day,\u52B3\u52A8\u8282,2", "2026-05-04": "Labour Day,\u52B3\u52A8\u8282,2", "2026-05-05": "Labour Day,\u52B3\u52A8\u8282,2", "2026-06-19": "Dragon Boat Festival,\u7AEF\u5348,1", "2026-06-20": "Dragon Boat Festival,\u7AEF\u5348,1", "2026-06-21": "Dragon Boat Festival,\u7AEF\u5348,1", "2026-09-25": "Mid-autumn Festival,\u4E2D\u79CB,1", "2026-09-26": "Mid-autumn Festival,\u4E2D\u79CB,1", "2026-09-27": "Mid-autumn Festival,\u4E2D\u79CB,1", "2026-10-01": "National Day,\u56FD\u5E86\u8282,3", "2026-10-02": "National Day,\u56FD\u5E86\u8282,3", "2026-10-03": "National Day,\u56FD\u5E86\u8282,3", "2026-10-04": "National Day,\u56FD\u5E86\u8282,3", "2026-10-05": "National Day,\u56FD\u5E86\u8282,3", "2026-10-06": "National Day,\u56FD\u5E86\u8282,3", "2026-10-07": "National Day,\u56FD\u5E86\u8282,3", "2025-01-01": "New Year's Day,\u5143\u65E6,1", "2025-01-28": "Spring Festival,\u6625\u8282,4", "2025-01-29": "Spring Festival,\u6625\u8282,4", "2025-01-30": "Spring Festival,\u6625\u8282,4", "2025-01-31": "Spring Festival,\u6625\u8282,4", "2025-02-01": "Spring Festival,\u6625\u8282,4", "2025-02-02": "Spring Festival,\u6625\u8282,4", "2025-02-03": "Spring Festival,\u6625\u8282,4", "2025-02-04": "Spring Festival,\u6625\u8282,4", "2025-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2025-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2025-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2025-05-01": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-02": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-03": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-04": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-05": "Labour Day,\u52B3\u52A8\u8282,2", "2025-05-31": "Dragon Boat Festival,\u7AEF\u5348,1", "2025-06-01": "Dragon Boat Festival,\u7AEF\u5348,1", "2025-06-02": "Dragon Boat Festival,\u7AEF\u5348,1", "2025-10-01": "National Day,\u56FD\u5E86\u8282,3", "2025-10-02": "National Day,\u56FD\u5E86\u8282,3", "2025-10-03": "National Day,\u56FD\u5E86\u8282,3", "2025-10-04": "National Day,\u56FD\u5E86\u8282,3", "2025-10-05": "National Day,\u56FD\u5E86\u8282,3", "2025-10-06": "Mid-autumn Festival,\u4E2D\u79CB,1", "2025-10-07": "National Day,\u56FD\u5E86\u8282,3", "2025-10-08": "National Day,\u56FD\u5E86\u8282,3", "2024-01-01": "New Year's Day,\u5143\u65E6,1", "2024-02-10": "Spring Festival,\u6625\u8282,3", "2024-02-11": "Spring Festival,\u6625\u8282,3", "2024-02-12": "Spring Festival,\u6625\u8282,3", "2024-02-13": "Spring Festival,\u6625\u8282,3", "2024-02-14": "Spring Festival,\u6625\u8282,3", "2024-02-15": "Spring Festival,\u6625\u8282,3", "2024-02-16": "Spring Festival,\u6625\u8282,3", "2024-02-17": "Spring Festival,\u6625\u8282,3", "2024-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2024-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2024-09-15": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-09-16": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-09-17": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-10-01": "National Day,\u56FD\u5E86\u8282,3", "2024-10-02": "National Day,\u56FD\u5E86\u8282,3", "2024-10-03": "National Day,\u56FD\u5E86\u8282,3", "2024-10-04": "National Day,\u56FD\u5E86\u8282,3", "2024-10-05": "National Day,\u56FD\u5E86\u8282,3", "2024-10-06": "National Day,\u56FD\u5E86\u8282,3", "2024-10-07": "National Day,\u56FD\u5E86\u8282,3", "2023-01-01": "New Year's Day,\u5143\u65E6,1", "2023-01-02": "New Year's Day,\u5143\u65E6,1", "2023-01-21": "Spring Festival,\u6625\u8282,3", "2023-01-22": "Spring Festival,\u6625\u8282,3", "2023-01-23": "Spring Festival,\u6625\u8282,3", "2023-01-24": "Spring Festival,\u6625\u8282,3", "2023-01-25": "Spring Festival,\u6625\u8282,3", "2023-01-26": "Spring Festival,\u6625\u8282,3", "2023-01-27": "Spring Festival,\u6625\u8282,3", "2023-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2023-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2023-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2023-06-22": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-06-23": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-06-24": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-09-29": "Mid-autumn Festival,\u4E2D\u79CB,1", "2023-09-30": "National Day,\u56FD\u5E86\u8282,3", "2023-10-01": "National Day,\u56FD\u5E86\u8282,3", "2023-10-02": "National Day,\u56FD\u5E86\u8282,3", "2023-10-03": "National Day,\u56FD\u5E86\u8282,3", "2023-10-04": "National Day,\u56FD\u5E86\u8282,3", "2023-10-05": "National Day,\u56FD\u5E86\u8282,3", "2023-10-06": "National Day,\u56FD\u5E86\u8282,3", "2022-01-01": "New Year's Day,\u5143\u65E6,1", "2022-01-02": "New Year's Day,\u5143\u65E6,1", "2022-01-03": "New Year's Day,\u5143\u65E6,1", "2022-01-31": "Spring Festival,\u6625\u8282,3", "2022-02-01": "Spring Festival,\u6625\u8282,3", "2022-02-02": "Spring Festival,\u6625\u8282,3", "2022-02-03": "Spring Festival,\u6625\u8282,3", "2022-02-04": "Spring Festival,\u6625\u8282,3", "2022-02-05": "Spring Festival,\u6625\u8282,3", "2022-02-06": "Spring Festival,\u6625\u8282,3", "2022-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2022-06-03": "Dragon Boat Festival,\u7AEF\u5348,1", "2022-06-04": "Dragon Boat Festival,\u7AEF\u5348,1", "2022-06-05": "Dragon Boat Festival,\u7AEF\u5348,1", "2022-09-10": "Mid-autumn Festival,\u4E2D\u79CB,1", "2022-09-11": "Mid-autumn Festival,\u4E2D\u79CB,1", "2022-09-12": "Mid-autumn Festival,\u4E2D\u79CB,1", "2022-10-01": "National Day,\u56FD\u5E86\u8282,3", "2022-10-02": "National Day,\u56FD\u5E86\u8282,3", "2022-10-03": "National Day,\u56FD\u5E86\u8282,3", "2022-10-04": "National Day,\u56FD\u5E86\u8282,3", "2022-10-05": "National Day,\u56FD\u5E86\u8282,3", "2022-10-06": "National Day,\u56FD\u5E86\u8282,3", "2022-10-07": "National Day,\u56FD\u5E86\u8282,3", "2022-12-31": "New Year's Day,\u5143\u65E6,1", "2021-01-01": "New Year's Day,\u5143\u65E6,1", "2021-01-02": "New Year's Day,\u5143\u65E6,1", "2021-01-03": "New Year's Day,\u5143\u65E6,1", "2021-02-11": "Spring Festival,\u6625\u8282,3", "2021-02-12": "Spring Festival,\u6625\u8282,3", "2021-02-13": "Spring Festival,\u6625\u8282,3", "2021-02-14": "Spring Festival,\u6625\u8282,3", "2021-02-15": "Spring Festival,\u6625\u8282,3", "2021-02-16": "Spring Festival,\u6625\u8282,3", "2021-02-17": "Spring Festival,\u6625\u8282,3", "2021-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2021-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2021-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2021-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2021-06-12": "Dragon Boat Festival,\u7AEF\u5348,1", "2021-06-13": "Dragon Boat Festival,\u7AEF\u5348,1", "2021-06-14": "Dragon Boat Festival,\u7AEF\u5348,1", "2021-09-19": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-09-20": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-09-21": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-10-01": "National Day,\u56FD\u5E86\u8282,3", "2021-10-02": "National Day,\u56FD\u5E86\u8282,3", "2021-10-03": "National Day,\u56FD\u5E86\u8282,3", "2021-10-04": "National Day,\u56FD\u5E86\u8282,3", "2021-10-05": "National Day,\u56FD\u5E86\u8282,3", "2021-10-06": "National Day,\u56FD\u5E86\u8282,3", "2021-10-07": "National Day,\u56FD\u5E86\u8282,3", "2020-01-01": "New Year's Day,\u5143\u65E6,1", "2020-01-24": "Spring Festival,\u6625\u8282,3", "2020-01-25": "Spring Festival,\u6625\u8282,3", "2020-01-26": "Spring Festival,\u6625\u8282,3", "2020-01-27": "Spring Festival,\u6625\u8282,3", "2020-01-28": "Spring Festival,\u6625\u8282,3", "2020-01-29": "Spring Festival,\u6625\u8282,3", "2020-01-30": "Spring Festival,\u6625\u8282,3", "2020-01-31": "Spring Festival,\u6625\u8282,3", "2020-02-01": "Spring Festival,\u6625\u8282,3", "2020-02-02": "Spring Festival,\u6625\u8282,3", "2020-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2020-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2020-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2020-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2020-06-25": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-06-26": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-06-27": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-10-01": "National Day,\u56FD\u5E86\u8282,3", "2020-10-02": "National Day,\u56FD\u5E86\u8282,3", "2020-10-03": "National Day,\u56FD\u5E86\u8282,3", "2020-10-04": "National Day,\u56FD\u5E86\u8282,3", "2020-10-05": "National Day,\u56FD\u5E86\u8282,3", "2020-10-06": "National Day,\u56FD\u5E86\u8282,3", "2020-10-07": "National Day,\u56FD\u5E86\u8282,3", "2020-10-08": "National Day,\u56FD\u5E86\u8282,3", "2019-01-01": "New Year's Day,\u5143\u65E6,1", "2019-02-04": "Spring Festival,\u6625\u8282,3", "2019-02-05": "Spring Festival,\u6625\u8282,3", "2019-02-06": "Spring Festival,\u6625\u8282,3", "2019-02-07": "Spring Festival,\u6625\u8282,3", "2019-02-08": "Spring Festival,\u6625\u8282,3", "2019-02-09": "Spring Festival,\u6625\u8282,3", "2019-02-10": "Spring Festival,\u6625\u8282,3", "2019-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2019-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2019-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2019-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2019-06-07": "Dragon Boat Festival,\u7AEF\u5348,1", "2019-06-08": "Dragon Boat Festival,\u7AEF\u5348,1", "2019-06-09": "Dragon Boat Festival,\u7AEF\u5348,1", "2019-09-13": "Mid-autumn Festival,\u4E2D\u79CB,1", "2019-09-14": "Mid-autumn Festival,\u4E2D\u79CB,1", "2019-09-15": "Mid-autumn Festival,\u4E2D\u79CB,1", "2019-10-01": "National Day,\u56FD\u5E86\u8282,3", "2019-10-02": "National Day,\u56FD\u5E86\u8282,3", "2019-10-03": "National Day,\u56FD\u5E86\u8282,3", "2019-10-04": "National Day,\u56FD\u5E86\u8282,3", "2019-10-05": "National Day,\u56FD\u5E86\u8282,3", "2019-10-06": "National Day,\u56FD\u5E86\u8282,3", "2019-10-07": "National Day,\u56FD\u5E86\u8282,3", "2018-01-01": "New Year's Day,\u5143\u65E6,1", "2018-02-15": "Spring Festival,\u6625\u8282,3", "2018-02-16": "Spring Festival,\u6625\u8282,3", "2018-02-17": "Spring Festival,\u6625\u8282,3", "2018-02-18": "Spring Festival,\u6625\u8282,3", "2018-02-19": "Spring Festival,\u6625\u8282,3", "2018-02-20": "Spring Festival,\u6625\u8282,3", "2018-02-21": "Spring Festival,\u6625\u8282,3", "2018-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2018-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2018-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2018-06-18": "Dragon Boat Festival,\u7AEF\u5348,1", "2018-10-01": "National Day,\u56FD\u5E86\u8282,3", "2018-10-02": "National Day,\u56FD\u5E86\u8282,3", "2018-10-03": "National Day,\u56FD\u5E86\u8282,3", "2018-10-04": "National Day,\u56FD\u5E86\u8282,3", "2018-10-05": "National Day,\u56FD\u5E86\u8282,3", "2018-10-06": "National Day,\u56FD\u5E86\u8282,3", "2018-10-07": "National Day,\u56FD\u5E86\u8282,3", "2018-09-24": "Mid-autumn Festival,\u4E2D\u79CB,1", "2018-12-30": "New Year's Day,\u5143\u65E6,1", "2018-12-31": "New Year's Day,\u5143\u65E6,1", "2017-01-01": "New Year's Day,\u5143\u65E6,1", "2017-01-02": "New Year's Day,\u5143\u65E6,1", "2017-01-27": "Spring Festival,\u6625\u8282,3", "2017-01-28": "Spring Festival,\u6625\u8282,3", "2017-01-29": "Spring Festival,\u6625\u8282,3", "2017-01-30": "Spring Festival,\u6625\u8282,3", "2017-01-31": "Spring Festival,\u6625\u8282,3", "2017-02-01": "Spring Festival,\u6625\u8282,3", "2017-02-02": "Spring Festival,\u6625\u8282,3", "2017-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2017-05-28": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-05-29": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-05-30": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-10-01": "National Day,\u56FD\u5E86\u8282,3", "2017-10-02": "National Day,\u56FD\u5E86\u8282,3", "2017-10-03": "National Day,\u56FD\u5E86\u8282,3", "2017-10-04": "Mid-autumn Festival,\u4E2D\u79CB,1", "2017-10-05": "National Day,\u56FD\u5E86\u8282,3", "2017-10-06": "National Day,\u56FD\u5E86\u8282,3", "2017-10-07": "National Day,\u56FD\u5E86\u8282,3", "2017-10-08": "National Day,\u56FD\u5E86\u8282,3", "2016-01-01": "New Year's Day,\u5143\u65E6,1", "2016-02-07": "Spring Festival,\u6625\u8282,3", "2016-02-08": "Spring Festival,\u6625\u8282,3", "2016-02-09": "Spring Festival,\u6625\u8282,3", "2016-02-10": "Spring Festival,\u6625\u8282,3", "2016-02-11": "Spring Festival,\u6625\u8282,3", "2016-02-12": "Spring Festival,\u6625\u8282,3", "2016-02-13": "Spring Festival,\u6625\u8282,3", "2016-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2016-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2016-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2016-06-09": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-06-11": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-09-15": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-09-16": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-09-17": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-10-01": "National Day,\u56FD\u5E86\u8282,3", "2016-10-02": "National Day,\u56FD\u5E86\u8282,3", "2016-10-03": "National Day,\u56FD\u5E86\u8282,3", "2016-10-04": "National Day,\u56FD\u5E86\u8282,3", "2016-10-05": "National Day,\u56FD\u5E86\u8282,3", "2016-10-06": "National Day,\u56FD\u5E86\u8282,3", "2016-10-07": "National Day,\u56FD\u5E86\u8282,3", "2015-01-01": "New Year's Day,\u5143\u65E6,1", "2015-01-02": "New Year's Day,\u5143\u65E6,1", "2015-01-03": "New Year's Day,\u5143\u65E6,1", "2015-02-18": "Spring Festival,\u6625\u8282,3", "2015-02-19": "Spring Festival,\u6625\u8282,3", "2015-02-20": "Spring Festival,\u6625\u8282,3", "2015-02-21": "Spring Festival,\u6625\u8282,3", "2015-02-22": "Spring Festival,\u6625\u8282,3", "2015-02-23": "Spring Festival,\u6625\u8282,3", "2015-02-24": "Spring Festival,\u6625\u8282,3", "2015-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2015-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2015-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2015-06-20": "Dragon Boat Festival,\u7AEF\u5348,1", "2015-06-22": "Dragon Boat Festival,\u7AEF\u5348,1", "2015-09-27": "Mid-autumn Festival,\u4E2D\u79CB,1", "2015-10-01": "National Day,\u56FD\u5E86\u8282,3", "2015-10-02": "National Day,\u56FD\u5E86\u8282,3", "2015-10-03": "National Day,\u56FD\u5E86\u8282,3", "2015-10-04": "National Day,\u56FD\u5E86\u8282,3", "2015-10-05": "National Day,\u56FD\u5E86\u8282,3", "2015-10-06": "National Day,\u56FD\u5E86\u8282,3", "2015-10-07": "National Day,\u56FD\u5E86\u8282,3", "2015-09-03": "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5,1", "2015-09-04": "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5,1", "2014-01-01": "New Year's Day,\u5143\u65E6,1", "2014-01-31": "Spring Festival,\u6625\u8282,3", "2014-02-01": "Spring Festival,\u6625\u8282,3", "2014-02-02": "Spring Festival,\u6625\u8282,3", "2014-02-03": "Spring Festival,\u6625\u8282,3", "2014-02-04": "Spring Festival,\u6625\u8282,3", "2014-02-05": "Spring Festival,\u6625\u8282,3", "2014-02-06": "Spring Festival,\u6625\u8282,3", "2014-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2014-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2014-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2014-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2014-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2014-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2014-06-02": "Dragon Boat Festival,\u7AEF\u5348,1", "2014-09-08": "Mid-autumn Festival,\u4E2D\u79CB,1", "2014-10-01": "National Day,\u56FD\u5E86\u8282,3", "2014-10-02": "National Day,\u56FD\u5E86\u8282,3", "2014-10-03": "National Day,\u56FD\u5E86\u8282,3", "2014-10-04": "National Day,\u56FD\u5E86\u8282,3", "2014-10-05": "National Day,\u56FD\u5E86\u8282,3", "2014-10-06": "National Day,\u56FD\u5E86\u8282,3", "2014-10-07": "National Day,\u56FD\u5E86\u8282,3", "2013-01-01": "New Year's Day,\u5143\u65E6,1", "2013-01-02": "New Year's Day,\u5143\u65E6,1", "2013-01-03": "New Year's Day,\u5143\u65E6,1", "2013-02-09": "Spring Festival,\u6625\u8282,3", "2013-02-10": "Spring Festival,\u6625\u8282,3", "2013-02-11": "Spring Festival,\u6625\u8282,3", "2013-02-12": "Spring Festival,\u6625\u8282,3", "2013-02-13": "Spring Festival,\u6625\u8282,3", "2013-02-14": "Spring Festival,\u6625\u8282,3", "2013-02-15": "Spring Festival,\u6625\u8282,3", "2013-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2013-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2013-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2013-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-06-11": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-06-12": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-09-19": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-09-20": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-09-21": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-10-01": "National Day,\u56FD\u5E86\u8282,3", "2013-10-02": "National Day,\u56FD\u5E86\u8282,3", "2013-10-03": "National Day,\u56FD\u5E86\u8282,3", "2013-10-04": "National Day,\u56FD\u5E86\u8282,3", "2013-10-05": "National Day,\u56FD\u5E86\u8282,3", "2013-10-06": "National Day,\u56FD\u5E86\u8282,3", "2013-10-07": "National Day,\u56FD\u5E86\u8282,3", "2012-01-01": "New Year's Day,\u5143\u65E6,1", "2012-01-02": "New Year's Day,\u5143\u65E6,1", "2012-01-03": "New Year's Day,\u5143\u65E6,1", "2012-01-22": "Spring Festival,\u6625\u8282,3", "2012-01-23": "Spring Festival,\u6625\u8282,3", "2012-01-24": "Spring Festival,\u6625\u8282,3", "2012-01-25": "Spring Festival,\u6625\u8282,3", "2012-01-26": "Spring Festival,\u6625\u8282,3", "2012-01-27": "Spring Festival,\u6625\u8282,3", "2012-01-28": "Spring Festival,\u6625\u8282,3", "2012-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2012-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2012-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2012-06-22": "Dragon Boat Festival,\u7AEF\u5348,1", "2012-06-24": "Dragon Boat Festival,\u7AEF\u5348,1", "2012-09-30": "Mid-autumn Festival,\u4E2D\u79CB,1", "2012-10-01": "National Day,\u56FD\u5E86\u8282,3", "2012-10-02": "National Day,\u56FD\u5E86\u8282,3", "2012-10-03": "National Day,\u56FD\u5E86\u8282,3", "2012-10-04": "National Day,\u56FD\u5E86\u8282,3", "2012-10-05": "National Day,\u56FD\u5E86\u8282,3", "2012-10-06": "National Day,\u56FD\u5E86\u8282,3", "2012-10-07": "National Day,\u56FD\u5E86\u8282,3", "2011-01-01": "New Year's Day,\u5143\u65E6,1", "2011-01-02": "New Year's Day,\u5143\u65E6,1", "2011-01-03": "New Year's Day,\u5143\u65E6,1", "2011-02-02": "Spring Festival,\u6625\u8282,3", "2011-02-03": "Spring Festival,\u6625\u8282,3", "2011-02-04": "Spring Festival,\u6625\u8282,3", "2011-02-05": "Spring Festival,\u6625\u8282,3", "2011-02-06": "Spring Festival,\u6625\u8282,3", "2011-02-07": "Spring Festival,\u6625\u8282,3", "2011-02-08": "Spring Festival,\u6625\u8282,3", "2011-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2011-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2011-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2011-06-04": "Dragon Boat Festival,\u7AEF\u5348,1", "2011-06-06": "Dragon Boat Festival,\u7AEF\u5348,1", "2011-09-10": "Mid-autumn Festival,\u4E2D\u79CB,1", "2011-09-11": "Mid-autumn Festival,\u4E2D\u79CB,1", "2011-09-12": "Mid-autumn Festival,\u4E2D\u79CB,1", "2011-10-01": "National Day,\u56FD\u5E86\u8282,3", "2011-10-02": "National Day,\u56FD\u5E86\u8282,3", "2011-10-03": "National Day,\u56FD\u5E86\u8282,3", "2011-10-04": "National Day,\u56FD\u5E86\u8282,3", "2011-10-05": "National Day,\u56FD\u5E86\u8282,3", "2011-10-06": "National Day,\u56FD\u5E86\u8282,3", "2011-10-07": "National Day,\u56FD\u5E86\u8282,3", "2010-01-01": "New Year's Day,\u5143\u65E6,1", "2010-01-02": "New Year's Day,\u5143\u65E6,1", "2010-01-03": "New Year's Day,\u5143\u65E6,1", "2010-02-13": "Spring Festival,\u6625\u8282,3", "2010-02-14": "Spring Festival,\u6625\u8282,3", "2010-02-15": "Spring Festival,\u6625\u8282,3", "2010-02-16": "Spring Festival,\u6625\u8282,3", "2010-02-17": "Spring Festival,\u6625\u8282,3", "2010-02-18": "Spring Festival,\u6625\u8282,3", "2010-02-19": "Spring Festival,\u6625\u8282,3", "2010-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2010-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2010-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2010-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2010-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2010-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2010-06-14": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-06-15": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-06-16": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-09-22": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-23": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-24": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-10-01": "National Day,\u56FD\u5E86\u8282,3", "2010-10-02": "National Day,\u56FD\u5E86\u8282,3", "2010-10-03": "National Day,\u56FD\u5E86\u8282,3", "2010-10-04": "National Day,\u56FD\u5E86\u8282,3", "2010-10-05": "National Day,\u56FD\u5E86\u8282,3", "2010-10-06": "National Day,\u56FD\u5E86\u8282,3", "2010-10-07": "National Day,\u56FD\u5E86\u8282,3", "2009-01-01": "New Year's Day,\u5143\u65E6,1", "2009-01-02": "New Year's Day,\u5143\u65E6,1", "2009-01-03": "New Year's Day,\u5143\u65E6,1", "2009-01-25": "Spring Festival,\u6625\u8282,3", "2009-01-26": "Spring Festival,\u6625\u8282,3", "2009-01-27": "Spring Festival,\u6625\u8282,3", "2009-01-28": "Spring Festival,\u6625\u8282,3", "2009-01-29": "Spring Festival,\u6625\u8282,3", "2009-01-30": "Spring Festival,\u6625\u8282,3", "2009-01-31": "Spring Festival,\u6625\u8282,3", "2009-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2009-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2009-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2009-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2009-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2009-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2009-05-28": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-05-29": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-05-30": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-10-01": "National Day,\u56FD\u5E86\u8282,3", "2009-10-02": "National Day,\u56FD\u5E86\u8282,3", "2009-10-03": "Mid-autumn Festival,\u4E2D\u79CB,1", "2009-10-04": "National Day,\u56FD\u5E86\u8282,3", "2009-10-05": "National Day,\u56FD\u5E86\u8282,3", "2009-10-06": "National Day,\u56FD\u5E86\u8282,3", "2009-10-07": "National Day,\u56FD\u5E86\u8282,3", "2009-10-08": "National Day,\u56FD\u5E86\u8282,3", "2008-01-01": "New Year's Day,\u5143\u65E6,1", "2008-02-06": "Spring Festival,\u6625\u8282,3", "2008-02-07": "Spring Festival,\u6625\u8282,3", "2008-02-08": "Spring Festival,\u6625\u8282,3", "2008-02-09": "Spring Festival,\u6625\u8282,3", "2008-02-10": "Spring Festival,\u6625\u8282,3", "2008-02-11": "Spring Festival,\u6625\u8282,3", "2008-02-12": "Spring Festival,\u6625\u8282,3", "2008-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2008-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2008-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2008-05-01": "Labour Day,\u52B3\u52A8\u8282,1", "2008-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2008-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2008-06-07": "Dragon Boat Festival,\u7AEF\u5348,1", "2008-06-08": "Dragon Boat Festival,\u7AEF\u5348,1", "2008-06-09": "Dragon Boat Festival,\u7AEF\u5348,1", "2008-09-13": "Mid-autumn Festival,\u4E2D\u79CB,1", "2008-09-14": "Mid-autumn Festival,\u4E2D\u79CB,1", "2008-09-15": "Mid-autumn Festival,\u4E2D\u79CB,1", "2008-09-29": "National Day,\u56FD\u5E86\u8282,3", "2008-09-30": "National Day,\u56FD\u5E86\u8282,3", "2008-10-01": "National Day,\u56FD\u5E86\u8282,3", "2008-10-02": "National Day,\u56FD\u5E86\u8282,3", "2008-10-03": "National Day,\u56FD\u5E86\u8282,3", "2008-10-04": "National Day,\u56FD\u5E86\u8282,3", "2008-10-05": "National Day,\u56FD\u5E86\u8282,3", "2007-01-01": "New Year's Day,\u5143\u65E6,1", "2007-01-02": "New Year's Day,\u5143\u65E6,1", "2007-01-03": "New Year's Day,\u5143\u65E6,1", "2007-02-18": "Spring Festival,\u6625\u8282,3", "2007-02-19": "Spring Festival,\u6625\u8282,3", "2007-02-20": "Spring Festival,\u6625\u8282,3", "2007-02-21": "Spring Festival,\u6625\u8282,3", "2007-02-22": "Spring Festival,\u6625\u8282,3", "2007-02-23": "Spring Festival,\u6625\u8282,3", "2007-02-24": "Spring Festival,\u6625\u8282,3", "2007-05-01": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-02": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-03": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2007-10-01": "National Day,\u56FD\u5E86\u8282,3", "2007-10-02": "National Day,\u56FD\u5E86\u8282,3", "2007-10-03": "National Day,\u56FD\u5E86\u8282,3", "2007-10-04": "National Day,\u56FD\u5E86\u8282,3", "2007-10-05": "National Day,\u56FD\u5E86\u8282,3", "2007-10-06": "National Day,\u56FD\u5E86\u8282,3", "2007-10-07": "National Day,\u56FD\u5E86\u8282,3", "2007-12-30": "New Year's Day,\u5143\u65E6,1", "2007-12-31": "New Year's Day,\u5143\u65E6,1", "2006-01-01": "New Year's Day,\u5143\u65E6,1", "2006-01-02": "New Year's Day,\u5143\u65E6,1", "2006-01-03": "New Year's Day,\u5143\u65E6,1", "2006-01-29": "Spring Festival,\u6625\u8282,3", "2006-01-30": "Spring Festival,\u6625\u8282,3", "2006-01-31": "Spring Festival,\u6625\u8282,3", "2006-02-01": "Spring Festival,\u6625\u8282,3", "2006-02-02": "Spring Festival,\u6625\u8282,3", "2006-02-03": "Spring Festival,\u6625\u8282,3", "2006-02-04": "Spring Festival,\u6625\u8282,3", "2006-05-01": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-02": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-03": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2006-10-01": "National Day,\u56FD\u5E86\u8282,3", "2006-10-02": "National Day,\u56FD\u5E86\u8282,3", "2006-10-03": "National Day,\u56FD\u5E86\u8282,3", "2006-10-04": "National Day,\u56FD\u5E86\u8282,3", "2006-10-05": "National Day,\u56FD\u5E86\u8282,3", "2006-10-06": "National Day,\u56FD\u5E86\u8282,3", "2006-10-07": "National Day,\u56FD\u5E86\u8282,3", "2005-01-01": "New Year's Day,\u5143\u65E6,1", "2005-01-02": "New Year's Day,\u5143\u65E6,1", "2005-01-03": "New Year's Day,\u5143\u65E6,1", "2005-02-09": "Spring Festival,\u6625\u8282,3", "2005-02-10": "Spring Festival,\u6625\u8282,3", "2005-02-11": "Spring Festival,\u6625\u8282,3", "2005-02-12": "Spring Festival,\u6625\u8282,3", "2005-02-13": "Spring Festival,\u6625\u8282,3", "2005-02-14": "Spring Festival,\u6625\u8282,3", "2005-02-15": "Spring Festival,\u6625\u8282,3", "2005-05-01": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-02": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-03": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2005-10-01": "National Day,\u56FD\u5E86\u8282,3", "2005-10-02": "National Day,\u56FD\u5E86\u8282,3", "2005-10-03": "National Day,\u56FD\u5E86\u8282,3", "2005-10-04": "National Day,\u56FD\u5E86\u8282,3", "2005-10-05": "National Day,\u56FD\u5E86\u8282,3", "2005-10-06": "National Day,\u56FD\u5E86\u8282,3", "2005-10-07": "National Day,\u56FD\u5E86\u8282,3", "2004-01-01": "New Year's Day,\u5143\u65E6,1", "2004-01-22": "Spring Festival,\u6625\u8282,3", "2004-01-23": "Spring Festival,\u6625\u8282,3", "2004-01-24": "Spring Festival,\u6625\u8282,3", "2004-01-25": "Spring Festival,\u6625\u8282,3", "2004-01-26": "Spring Festival,\u6625\u8282,3", "2004-01-27": "Spring Festival,\u6625\u8282,3", "2004-01-28": "Spring Festival,\u6625\u8282,3", "2004-05-01": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-02": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-03": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2004-10-01": "National Day,\u56FD\u5E86\u8282,3", "2004-10-02": "National Day,\u56FD\u5E86\u8282,3", "2004-10-03": "National Day,\u56FD\u5E86\u8282,3", "2004-10-04": "National Day,\u56FD\u5E86\u8282,3", "2004-10-05": "National Day,\u56FD\u5E86\u8282,3", "2004-10-06": "National Day,\u56FD\u5E86\u8282,3", "2004-10-07": "National Day,\u56FD\u5E86\u8282,3" }, workdays: { "2026-01-04": "New Year's Day,\u5143\u65E6,1", "2026-02-14": "Spring Festival,\u6625\u8282,4", "2026-02-28": "Spring Festival,\u6625\u8282,4", "2026-05-09": "Labour Day,\u52B3\u52A8\u8282,2", "2026-09-20": "National Day,\u56FD\u5E86\u8282,3", "2026-10-10": "National Day,\u56FD\u5E86\u8282,3", "2025-01-26": "Spring Festival,\u6625\u8282,4", "2025-02-08": "Spring Festival,\u6625\u8282,4", "2025-04-27": "Labour Day,\u52B3\u52A8\u8282,2", "2025-09-28": "National Day,\u56FD\u5E86\u8282,3", "2025-10-11": "National Day,\u56FD\u5E86\u8282,3", "2024-02-04": "Spring Festival,\u6625\u8282,3", "2024-02-18": "Spring Festival,\u6625\u8282,3", "2024-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-11": "Labour Day,\u52B3\u52A8\u8282,1", "2024-09-14": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-09-29": "National Day,\u56FD\u5E86\u8282,3", "2024-10-12": "National Day,\u56FD\u5E86\u8282,3", "2023-01-28": "Spring Festival,\u6625\u8282,3", "2023-01-29": "Spring Festival,\u6625\u8282,3", "2023-04-23": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-06": "Labour Day,\u52B3\u52A8\u8282,1", "2023-06-25": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-10-07": "National Day,\u56FD\u5E86\u8282,3", "2023-10-08": "National Day,\u56FD\u5E86\u8282,3", "2022-01-29": "Spring Festival,\u6625\u8282,3", "2022-01-30": "Spring Festival,\u6625\u8282,3", "2022-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-04-24": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-07": "Labour Day,\u52B3\u52A8\u8282,1", "2022-10-08": "National Day,\u56FD\u5E86\u8282,3", "2022-10-09": "National Day,\u56FD\u5E86\u8282,3", "2021-02-07": "Spring Festival,\u6625\u8282,3", "2021-02-20": "Spring Festival,\u6625\u8282,3", "2021-04-25": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-08": "Labour Day,\u52B3\u52A8\u8282,1", "2021-09-18": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-09-26": "National Day,\u56FD\u5E86\u8282,3", "2021-10-09": "National Day,\u56FD\u5E86\u8282,3", "2020-01-19": "Spring Festival,\u6625\u8282,3", "2020-04-26": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-09": "Labour Day,\u52B3\u52A8\u8282,1", "2020-06-28": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-09-27": "National Day,\u56FD\u5E86\u8282,3", "2020-10-10": "National Day,\u56FD\u5E86\u8282,3", "2019-02-02": "Spring Festival,\u6625\u8282,3", "2019-02-03": "Spring Festival,\u6625\u8282,3", "2019-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2019-09-29": "National Day,\u56FD\u5E86\u8282,3", "2019-10-12": "National Day,\u56FD\u5E86\u8282,3", "2018-02-11": "Spring Festival,\u6625\u8282,3", "2018-02-24": "Spring Festival,\u6625\u8282,3", "2018-04-08": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2018-09-29": "National Day,\u56FD\u5E86\u8282,3", "2018-09-30": "National Day,\u56FD\u5E86\u8282,3", "2018-12-29": "New Year's Day,\u5143\u65E6,1", "2017-01-22": "Spring Festival,\u6625\u8282,3", "2017-02-04": "Spring Festival,\u6625\u8282,3", "2017-04-01": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-05-27": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-09-30": "National Day,\u56FD\u5E86\u8282,3", "2016-02-06": "Spring Festival,\u6625\u8282,3", "2016-02-14": "Spring Festival,\u6625\u8282,3", "2016-06-12": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-09-18": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-10-08": "National Day,\u56FD\u5E86\u8282,3", "2016-10-09": "National Day,\u56FD\u5E86\u8282,3", "2015-01-04": "New Year's Day,\u5143\u65E6,1", "2015-02-15": "Spring Festival,\u6625\u8282,3", "2015-02-28": "Spring Festival,\u6625\u8282,3", "2015-10-10": "National Day,\u56FD\u5E86\u8282,3", "2015-09-06": "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5,1", "2014-01-26": "Spring Festival,\u6625\u8282,3", "2014-02-08": "Spring Festival,\u6625\u8282,3", "2014-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2014-09-28": "National Day,\u56FD\u5E86\u8282,3", "2014-10-11": "National Day,\u56FD\u5E86\u8282,3", "2013-01-05": "New Year's Day,\u5143\u65E6,1", "2013-01-06": "New Year's Day,\u5143\u65E6,1", "2013-02-16": "Spring Festival,\u6625\u8282,3", "2013-02-17": "Spring Festival,\u6625\u8282,3", "2013-04-07": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-27": "Labour Day,\u52B3\u52A8\u8282,1", "2013-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2013-06-08": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-06-09": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-09-22": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-09-29": "National Day,\u56FD\u5E86\u8282,3", "2013-10-12": "National Day,\u56FD\u5E86\u8282,3", "2012-01-21": "Spring Festival,\u6625\u8282,3", "2012-01-29": "Spring Festival,\u6625\u8282,3", "2012-03-31": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-01": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-28": "Labour Day,\u52B3\u52A8\u8282,1", "2012-09-29": "National Day,\u56FD\u5E86\u8282,3", "2011-01-30": "Spring Festival,\u6625\u8282,3", "2011-02-12": "Spring Festival,\u6625\u8282,3", "2011-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-10-08": "National Day,\u56FD\u5E86\u8282,3", "2011-10-09": "National Day,\u56FD\u5E86\u8282,3", "2011-12-31": "New Year's Day,\u5143\u65E6,1", "2010-02-20": "Spring Festival,\u6625\u8282,3", "2010-02-21": "Spring Festival,\u6625\u8282,3", "2010-06-12": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-06-13": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-09-19": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-25": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-26": "National Day,\u56FD\u5E86\u8282,3", "2010-10-09": "National Day,\u56FD\u5E86\u8282,3", "2009-01-04": "New Year's Day,\u5143\u65E6,1", "2009-01-24": "Spring Festival,\u6625\u8282,3", "2009-02-01": "Spring Festival,\u6625\u8282,3", "2009-05-31": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-09-27": "National Day,\u56FD\u5E86\u8282,3", "2009-10-10": "National Day,\u56FD\u5E86\u8282,3", "2008-02-02": "Spring Festival,\u6625\u8282,3", "2008-02-03": "Spring Festival,\u6625\u8282,3", "2008-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2008-09-27": "National Day,\u56FD\u5E86\u8282,3", "2008-09-28": "National Day,\u56FD\u5E86\u8282,3", "2007-02-17": "Spring Festival,\u6625\u8282,3", "2007-02-25": "Spring Festival,\u6625\u8282,3", "2007-04-28": "Labour Day,\u52B3\u52A8\u8282,3", "2007-04-29": "Labour Day,\u52B3\u52A8\u8282,3", "2007-09-29": "National Day,\u56FD\u5E86\u8282,3", "2007-09-30": "National Day,\u56FD\u5E86\u8282,3", "2007-12-29": "New Year's Day,\u5143\u65E6,1", "2006-01-28": "Spring Festival,\u6625\u8282,3", "2006-02-05": "Spring Festival,\u6625\u8282,3", "2006-04-29": "Labour Day,\u52B3\u52A8\u8282,3", "2006-04-30": "Labour Day,\u52B3\u52A8\u8282,3", "2006-09-30": "National Day,\u56FD\u5E86\u8282,3", "2006-10-08": "National Day,\u56FD\u5E86\u8282,3", "2006-12-30": "New Year's Day,\u5143\u65E6,1", "2006-12-31": "New Year's Day,\u5143\u65E6,1", "2005-02-05": "Spring Festival,\u6625\u8282,3", "2005-02-06": "Spring Festival,\u6625\u8282,3", "2005-04-30": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-08": "Labour Day,\u52B3\u52A8\u8282,3", "2005-10-08": "National Day,\u56FD\u5E86\u8282,3", "2005-10-09": "National Day,\u56FD\u5E86\u8282,3", "2004-01-17": "Spring Festival,\u6625\u8282,3", "2004-01-18": "Spring Festival,\u6625\u8282,3", "2004-05-08": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-09": "Labour Day,\u52B3\u52A8\u8282,3", "2004-10-09": "National Day,\u56FD\u5E86\u8282,3", "2004-10-10": "National Day,\u56FD\u5E86\u8282,3" }, inLieuDays: { "2026-01-02": "New Year's Day,\u5143\u65E6,1", "2026-02-20": "Spring Festival,\u6625\u8282,4", "2026-02-23": "Spring Festival,\u6625\u8282,4", "2026-05-05": "Labour Day,\u52B3\u52A8\u8282,2", "2026-10-06": "National Day,\u56FD\u5E86\u8282,3", "2026-10-07": "National Day,\u56FD\u5E86\u8282,3", "2025-02-03": "Spring Festival,\u6625\u8282,4", "2025-02-04": "Spring Festival,\u6625\u8282,4", "2025-05-05": "Labour Day,\u52B3\u52A8\u8282,2", "2025-10-07": "National Day,\u56FD\u5E86\u8282,3", "2025-10-08": "National Day,\u56FD\u5E86\u8282,3", "2024-02-15": "Spring Festival,\u6625\u8282,3", "2024-02-16": "Spring Festival,\u6625\u8282,3", "2024-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2024-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2024-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2024-09-16": "Mid-autumn Festival,\u4E2D\u79CB,1", "2024-10-04": "National Day,\u56FD\u5E86\u8282,3", "2024-10-07": "National Day,\u56FD\u5E86\u8282,3", "2023-01-26": "Spring Festival,\u6625\u8282,3", "2023-01-27": "Spring Festival,\u6625\u8282,3", "2023-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2023-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2023-06-23": "Dragon Boat Festival,\u7AEF\u5348,1", "2023-10-05": "National Day,\u56FD\u5E86\u8282,3", "2023-10-06": "National Day,\u56FD\u5E86\u8282,3", "2022-02-03": "Spring Festival,\u6625\u8282,3", "2022-02-04": "Spring Festival,\u6625\u8282,3", "2022-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2022-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2022-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2022-10-06": "National Day,\u56FD\u5E86\u8282,3", "2022-10-07": "National Day,\u56FD\u5E86\u8282,3", "2021-02-16": "Spring Festival,\u6625\u8282,3", "2021-02-17": "Spring Festival,\u6625\u8282,3", "2021-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2021-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2021-09-20": "Mid-autumn Festival,\u4E2D\u79CB,1", "2021-10-06": "National Day,\u56FD\u5E86\u8282,3", "2021-10-07": "National Day,\u56FD\u5E86\u8282,3", "2020-01-29": "Spring Festival,\u6625\u8282,3", "2020-05-04": "Labour Day,\u52B3\u52A8\u8282,1", "2020-05-05": "Labour Day,\u52B3\u52A8\u8282,1", "2020-06-26": "Dragon Boat Festival,\u7AEF\u5348,1", "2020-10-07": "National Day,\u56FD\u5E86\u8282,3", "2020-10-08": "National Day,\u56FD\u5E86\u8282,3", "2019-02-04": "Spring Festival,\u6625\u8282,3", "2019-02-08": "Spring Festival,\u6625\u8282,3", "2019-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2019-05-03": "Labour Day,\u52B3\u52A8\u8282,1", "2019-10-04": "National Day,\u56FD\u5E86\u8282,3", "2019-10-07": "National Day,\u56FD\u5E86\u8282,3", "2018-02-19": "Spring Festival,\u6625\u8282,3", "2018-02-20": "Spring Festival,\u6625\u8282,3", "2018-02-21": "Spring Festival,\u6625\u8282,3", "2018-04-06": "Tomb-sweeping Day,\u6E05\u660E,1", "2018-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2018-10-04": "National Day,\u56FD\u5E86\u8282,3", "2018-10-05": "National Day,\u56FD\u5E86\u8282,3", "2018-12-31": "New Year's Day,\u5143\u65E6,1", "2017-02-01": "Spring Festival,\u6625\u8282,3", "2017-02-02": "Spring Festival,\u6625\u8282,3", "2017-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2017-05-29": "Dragon Boat Festival,\u7AEF\u5348,1", "2017-10-06": "National Day,\u56FD\u5E86\u8282,3", "2016-02-11": "Spring Festival,\u6625\u8282,3", "2016-02-12": "Spring Festival,\u6625\u8282,3", "2016-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2016-09-16": "Mid-autumn Festival,\u4E2D\u79CB,1", "2016-10-06": "National Day,\u56FD\u5E86\u8282,3", "2016-10-07": "National Day,\u56FD\u5E86\u8282,3", "2015-01-02": "New Year's Day,\u5143\u65E6,1", "2015-02-23": "Spring Festival,\u6625\u8282,3", "2015-02-24": "Spring Festival,\u6625\u8282,3", "2015-10-07": "National Day,\u56FD\u5E86\u8282,3", "2015-09-04": "Anti-Fascist 70th Day,\u4E2D\u56FD\u4EBA\u6C11\u6297\u65E5\u6218\u4E89\u66A8\u4E16\u754C\u53CD\u6CD5\u897F\u65AF\u6218\u4E89\u80DC\u522970\u5468\u5E74\u7EAA\u5FF5\u65E5,1", "2014-02-05": "Spring Festival,\u6625\u8282,3", "2014-02-06": "Spring Festival,\u6625\u8282,3", "2014-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2014-10-06": "National Day,\u56FD\u5E86\u8282,3", "2014-10-07": "National Day,\u56FD\u5E86\u8282,3", "2013-01-02": "New Year's Day,\u5143\u65E6,1", "2013-01-03": "New Year's Day,\u5143\u65E6,1", "2013-02-14": "Spring Festival,\u6625\u8282,3", "2013-02-15": "Spring Festival,\u6625\u8282,3", "2013-04-05": "Tomb-sweeping Day,\u6E05\u660E,1", "2013-04-29": "Labour Day,\u52B3\u52A8\u8282,1", "2013-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2013-06-10": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-06-11": "Dragon Boat Festival,\u7AEF\u5348,1", "2013-09-20": "Mid-autumn Festival,\u4E2D\u79CB,1", "2013-10-04": "National Day,\u56FD\u5E86\u8282,3", "2013-10-07": "National Day,\u56FD\u5E86\u8282,3", "2012-01-03": "New Year's Day,\u5143\u65E6,1", "2012-01-26": "Spring Festival,\u6625\u8282,3", "2012-01-27": "Spring Festival,\u6625\u8282,3", "2012-04-02": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-03": "Tomb-sweeping Day,\u6E05\u660E,1", "2012-04-30": "Labour Day,\u52B3\u52A8\u8282,1", "2012-10-05": "National Day,\u56FD\u5E86\u8282,3", "2011-02-07": "Spring Festival,\u6625\u8282,3", "2011-02-08": "Spring Festival,\u6625\u8282,3", "2011-04-04": "Tomb-sweeping Day,\u6E05\u660E,1", "2011-10-06": "National Day,\u56FD\u5E86\u8282,3", "2011-10-07": "National Day,\u56FD\u5E86\u8282,3", "2010-02-18": "Spring Festival,\u6625\u8282,3", "2010-02-19": "Spring Festival,\u6625\u8282,3", "2010-06-14": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-06-15": "Dragon Boat Festival,\u7AEF\u5348,1", "2010-09-23": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-09-24": "Mid-autumn Festival,\u4E2D\u79CB,1", "2010-10-06": "National Day,\u56FD\u5E86\u8282,3", "2010-10-07": "National Day,\u56FD\u5E86\u8282,3", "2009-01-02": "New Year's Day,\u5143\u65E6,1", "2009-01-29": "Spring Festival,\u6625\u8282,3", "2009-01-30": "Spring Festival,\u6625\u8282,3", "2009-05-29": "Dragon Boat Festival,\u7AEF\u5348,1", "2009-10-07": "National Day,\u56FD\u5E86\u8282,3", "2009-10-08": "National Day,\u56FD\u5E86\u8282,3", "2008-02-11": "Spring Festival,\u6625\u8282,3", "2008-02-12": "Spring Festival,\u6625\u8282,3", "2008-05-02": "Labour Day,\u52B3\u52A8\u8282,1", "2008-09-29": "National Day,\u56FD\u5E86\u8282,3", "2008-09-30": "National Day,\u56FD\u5E86\u8282,3", "2007-01-02": "New Year's Day,\u5143\u65E6,1", "2007-01-03": "New Year's Day,\u5143\u65E6,1", "2007-02-22": "Spring Festival,\u6625\u8282,3", "2007-02-23": "Spring Festival,\u6625\u8282,3", "2007-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2007-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2007-10-04": "National Day,\u56FD\u5E86\u8282,3", "2007-10-05": "National Day,\u56FD\u5E86\u8282,3", "2007-12-31": "New Year's Day,\u5143\u65E6,1", "2006-02-02": "Spring Festival,\u6625\u8282,3", "2006-02-03": "Spring Festival,\u6625\u8282,3", "2006-05-04": "Labour Day,\u52B3\u52A8\u8282,3", "2006-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2006-10-05": "National Day,\u56FD\u5E86\u8282,3", "2006-10-06": "National Day,\u56FD\u5E86\u8282,3", "2005-02-14": "Spring Festival,\u6625\u8282,3", "2005-02-15": "Spring Festival,\u6625\u8282,3", "2005-05-05": "Labour Day,\u52B3\u52A8\u8282,3", "2005-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2005-10-06": "National Day,\u56FD\u5E86\u8282,3", "2005-10-07": "National Day,\u56FD\u5E86\u8282,3", "2004-01-27": "Spring Festival,\u6625\u8282,3", "2004-01-28": "Spring Festival,\u6625\u8282,3", "2004-05-06": "Labour Day,\u52B3\u52A8\u8282,3", "2004-05-07": "Labour Day,\u52B3\u52A8\u8282,3", "2004-10-06": "National Day,\u56FD\u5E86\u8282,3", "2004-10-07": "National Day,\u56FD\u5E86\u8282,3" } };
  }
});

// src/domain/calendar.ts
var calendar_exports = {};
__export(calendar_exports, {
  WorkCalendar: () => WorkCalendar,
  addDays: () => addDays,
  chinaDate: () => chinaDate,
  createWorkCalendar: () => createWorkCalendar,
  parseCalendarOverrides: () => parseCalendarOverrides,
  statutoryHolidays: () => statutoryHolidays
});
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
function parseUtc(date) {
  const t = DATE_RE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date ? t : NaN;
}
function toUtc(date) {
  const t = parseUtc(date);
  if (Number.isNaN(t)) throw new Error(`"${date}" \u4E0D\u662F\u6709\u6548\u65E5\u671F\uFF08\u5E94\u4E3A YYYY-MM-DD\uFF09`);
  return t;
}
function chinaDate(now2) {
  return fromUtc(now2.getTime() + 8 * 36e5);
}
function addDays(date, n) {
  return fromUtc(toUtc(date) + n * DAY_MS);
}
function officialYear(year) {
  let y = official.get(year);
  if (!y) official.set(year, y = { off: /* @__PURE__ */ new Set(), on: /* @__PURE__ */ new Set() });
  return y;
}
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
function createWorkCalendar(overrides) {
  return new WorkCalendar(overrides);
}
function parseCalendarOverrides(yamlText) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  function fail2(offset, what) {
    throw new Error(`\u65E5\u5386\u8986\u76D6\u6587\u4EF6\u7B2C ${lineCounter.linePos(offset ?? 0).line} \u884C: ${what}`);
  }
  const syntaxError = doc.errors[0];
  if (syntaxError) fail2(syntaxError.pos[0], `YAML \u683C\u5F0F\u9519\u8BEF\uFF08${syntaxError.message.split(" at line ")[0]}\uFF09`);
  if (doc.contents === null || isScalar(doc.contents) && doc.contents.value === null) return {};
  if (!isMap(doc.contents)) fail2(doc.contents.range?.[0], "\u5E94\u4E3A holidays: [...] \u548C workdays: [...]");
  const result = {};
  const seen = /* @__PURE__ */ new Map();
  for (const pair of doc.contents.items) {
    const keyNode = isScalar(pair.key) ? pair.key : void 0;
    const key = keyNode?.value;
    if (key !== "holidays" && key !== "workdays") {
      fail2(keyNode?.range?.[0], `\u672A\u77E5\u7684\u952E "${String(key)}"\uFF0C\u53EA\u5141\u8BB8 holidays \u548C workdays`);
    }
    const value = pair.value;
    const dates = [];
    if (isSeq(value)) {
      for (const item of value.items) {
        const offset = isScalar(item) ? item.range?.[0] : keyNode?.range?.[0];
        const text2 = isScalar(item) ? String(item.value) : String(item);
        if (!isScalar(item) || typeof item.value !== "string" || !isRealDate(item.value)) {
          fail2(offset, `"${text2}" \u4E0D\u662F\u6709\u6548\u65E5\u671F`);
        }
        const other = seen.get(text2);
        if (other && other !== key) fail2(offset, `"${text2}" \u540C\u65F6\u5217\u5728 holidays \u548C workdays \u4E2D`);
        seen.set(text2, key);
        dates.push(text2);
      }
    } else if (value !== null && !(isScalar(value) && value.value === null)) {
      fail2(keyNode?.range?.[0], `${key} \u5E94\u4E3A\u65E5\u671F\u5217\u8868\uFF0C\u5982 [2027-01-01]`);
    }
    result[key] = dates;
  }
  return result;
}
var import_chinese_days, DAY_MS, DATE_RE, isRealDate, fromUtc, official, MIN_YEAR, MAX_YEAR, WorkCalendar;
var init_calendar = __esm({
  "src/domain/calendar.ts"() {
    "use strict";
    import_chinese_days = __toESM(require_index_min(), 1);
    init_chinese_days();
    DAY_MS = 864e5;
    DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
    isRealDate = (date) => !Number.isNaN(parseUtc(date));
    fromUtc = (t) => new Date(t).toISOString().slice(0, 10);
    official = /* @__PURE__ */ new Map();
    for (const d of Object.keys(chinese_days_default.holidays)) officialYear(Number(d.slice(0, 4))).off.add(d);
    for (const d of Object.keys(chinese_days_default.workdays)) officialYear(Number(d.slice(0, 4))).on.add(d);
    MIN_YEAR = 1901;
    MAX_YEAR = 2099;
    WorkCalendar = class {
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
        const table = { byDate: new Map(list.map((day) => [day.date, day])), list, total: upTo };
        this.years.set(year, table);
        return table;
      }
    };
  }
});

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
var now, units, people, numberSequences, items, extensions, progressReports, completions, auditLog, processedEvents, outbox, chases, jobLocks;
var init_schema = __esm({
  "src/db/schema.ts"() {
    "use strict";
    now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
    units = sqliteTable("units", {
      id: text("id").primaryKey(),
      name: text("name").notNull().unique(),
      headId: text("head_id"),
      liaisonIds: text("liaison_ids", { mode: "json" }).$type().notNull().default([]),
      chatId: text("chat_id"),
      updatedAt: text("updated_at").notNull().default(now)
    });
    people = sqliteTable("people", {
      id: text("id").primaryKey(),
      name: text("name").notNull(),
      roles: text("roles", { mode: "json" }).$type().notNull().default([]),
      leads: text("leads", { mode: "json" }).$type().notNull().default([]),
      updatedAt: text("updated_at").notNull().default(now)
    });
    numberSequences = sqliteTable("number_sequences", {
      year: integer("year").primaryKey(),
      last: integer("last").notNull()
    });
    items = sqliteTable(
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
    extensions = sqliteTable(
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
    progressReports = sqliteTable(
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
    completions = sqliteTable(
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
    auditLog = sqliteTable(
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
    processedEvents = sqliteTable("processed_events", {
      eventId: text("event_id").primaryKey(),
      eventType: text("event_type").notNull(),
      receivedAt: text("received_at").notNull()
    });
    outbox = sqliteTable(
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
    chases = sqliteTable(
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
    jobLocks = sqliteTable("job_locks", {
      name: text("name").primaryKey(),
      holder: text("holder").notNull(),
      until: text("until").notNull()
    });
  }
});

// src/db/client.ts
var client_exports = {};
__export(client_exports, {
  MigrationError: () => MigrationError,
  openDatabase: () => openDatabase
});
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
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
  const db = drizzle(sqlite, { schema: schema_exports });
  try {
    migrate(db, { migrationsFolder: MIGRATIONS });
  } catch (err) {
    sqlite.close();
    const why = err instanceof Error ? err.cause instanceof Error ? err.cause.message : err.message : String(err);
    throw new MigrationError(`\u6570\u636E\u5E93\u8FC1\u79FB\u5931\u8D25\uFF08${path}\uFF09\uFF1A${why}`);
  }
  return db;
}
var MIGRATIONS, MigrationError;
var init_client = __esm({
  "src/db/client.ts"() {
    "use strict";
    init_schema();
    MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");
    MigrationError = class extends Error {
      name = "MigrationError";
    };
  }
});

// src/domain/chase-ladder.ts
function ladderAt(now2, cal, cfg = DEFAULT_LADDER) {
  const today = chinaDate(now2);
  if (!cal.isWorkday(today)) return () => [];
  return (item) => stepsFor(item, today, cal, cfg);
}
function stepsFor(item, today, cal, cfg) {
  if (!CHASED.includes(item.state) || item.hasPendingExtension) return [];
  const rungs = item.flagged ? cfg.flagged : cfg;
  const { id, deadline } = item;
  const overdue = today > deadline;
  const late = overdue ? Math.max(1, cal.workdaysBetween(deadline, today)) : 0;
  const left = overdue ? 0 : cal.workdaysBetween(today, deadline);
  const workdays = overdue ? -late : left;
  const steps = [];
  const add = (kind, key, audience) => steps.push({ kind, key: `${kind}:${id}:${key}`, audience, workdays });
  if (item.state === "assigned" && item.assignedAt) {
    const waited = cal.workdaysBetween(isoChinaDate(item.assignedAt), today);
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
    const due = progressDueToday(item, today, cal);
    if (due) add("progress_request", due, ["unit"]);
    const missed = progressMissed(item, today, cal);
    if (missed) add("progress_missed", missed, ["supervisors"]);
  }
  return steps;
}
function progressDueToday(item, today, cal) {
  const dates = progressDueDates(item, today, cal);
  return dates.at(-1) === today ? today : null;
}
function progressMissed(item, today, cal) {
  const dates = progressDueDates(item, today, cal);
  const previous = dates.at(-2);
  if (!previous) return null;
  const reported = item.lastProgressAt ? isoChinaDate(item.lastProgressAt) : null;
  return reported !== null && reported >= previous ? null : previous;
}
function progressDueDates(item, upTo, cal) {
  if (item.progressCycle === "none" || !item.claimedAt) return [];
  const anchor = isoChinaDate(item.claimedAt);
  let memo = SCHEDULES.get(cal);
  if (!memo || memo.size > 2e4) SCHEDULES.set(cal, memo = /* @__PURE__ */ new Map());
  const key = `${item.progressCycle}|${anchor}|${upTo}`;
  let dates = memo.get(key);
  if (!dates) memo.set(key, dates = computeDueDates(item.progressCycle, anchor, upTo, cal));
  return dates;
}
function computeDueDates(cycle, anchor, upTo, cal) {
  const dates = [];
  for (let k = 1; ; k++) {
    const nominal = nominalDue(cycle, anchor, k);
    if (nominal > upTo) break;
    const due = cal.onOrAfterWorkday(nominal);
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
var CHASE_LABELS, DEFAULT_LADDER, CHASED, SCHEDULES;
var init_chase_ladder = __esm({
  "src/domain/chase-ladder.ts"() {
    "use strict";
    init_calendar();
    CHASE_LABELS = {
      unclaimed: "\u8BA4\u9886\u63D0\u9192",
      due_soon: "\u5230\u671F\u63D0\u9192",
      due_today: "\u4ECA\u65E5\u5230\u671F",
      overdue: "\u903E\u671F\u50AC\u529E",
      warning: "\u903E\u671F\u9884\u8B66",
      interview_proposal: "\u7EA6\u8C08\u5EFA\u8BAE",
      progress_request: "\u8FDB\u5C55\u62A5\u9001\u63D0\u9192",
      progress_missed: "\u8FDB\u5C55\u672A\u62A5\u9001"
    };
    DEFAULT_LADDER = {
      unclaimedAfter: 1,
      beforeDeadline: [3, 1],
      warningAfter: 3,
      interviewAfter: 10,
      flagged: { beforeDeadline: [5, 3, 2, 1], warningAfter: 1, interviewAfter: 5, unclaimedAfter: 1 }
    };
    CHASED = ["assigned", "in_progress"];
    SCHEDULES = /* @__PURE__ */ new WeakMap();
  }
});

// src/domain/dates.ts
var init_dates = __esm({
  "src/domain/dates.ts"() {
    "use strict";
    init_calendar();
  }
});

// src/db/org-repository.ts
import { eq, sql as sql2 } from "drizzle-orm";
function peopleWithRole(db, role) {
  return db.select().from(people).where(sql2`EXISTS (SELECT 1 FROM json_each(${people.roles}) WHERE value = ${role})`).all();
}
var findUnit;
var init_org_repository = __esm({
  "src/db/org-repository.ts"() {
    "use strict";
    init_schema();
    findUnit = (db, id) => db.select().from(units).where(eq(units.id, id)).get() ?? null;
  }
});

// src/messenger/messenger.ts
var init_messenger = __esm({
  "src/messenger/messenger.ts"() {
    "use strict";
  }
});

// src/messenger/rate-limiter.ts
var init_rate_limiter = __esm({
  "src/messenger/rate-limiter.ts"() {
    "use strict";
  }
});

// src/messenger/outbox.ts
import { randomUUID } from "node:crypto";
import { and, asc, eq as eq2, inArray, isNull, lte, or } from "drizzle-orm";
function personAddress(id) {
  if (id.startsWith("email:")) return { op: "send", receiveIdType: "email", receiveId: id.slice(6) };
  return { op: "send", receiveIdType: "open_id", receiveId: id };
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
function bulkEnqueuer(db) {
  const stmt = db.$client.prepare(`INSERT INTO outbox (uuid, dedupe_key, op, receive_id_type, receive_id, target_message_id, msg_type,
      content, render, item_id, purpose, status, attempts, next_attempt_at, created_at)
    VALUES (@uuid, @dedupeKey, @op, @receiveIdType, @receiveId, @targetMessageId, @msgType,
      @content, @render, @itemId, @purpose, 'pending', 0, @nextAttemptAt, @createdAt)
    ON CONFLICT(dedupe_key) DO NOTHING RETURNING id`);
  return (m, now2) => {
    const row = stmt.get(outboxRow(m, now2));
    return row?.id ?? null;
  };
}
var init_outbox = __esm({
  "src/messenger/outbox.ts"() {
    "use strict";
    init_org_repository();
    init_schema();
    init_messenger();
    init_rate_limiter();
  }
});

// src/scheduler/chase-sweep.ts
var chase_sweep_exports = {};
__export(chase_sweep_exports, {
  runChaseSweep: () => runChaseSweep
});
function runChaseSweep(db, calendar, now2, cfg) {
  const date = chinaDate(now2);
  const result = { date, scanned: 0, due: 0, recorded: 0, planned: 0, byKind: {} };
  if (!calendar.isWorkday(date)) return { ...result, skipped: "\u975E\u5DE5\u4F5C\u65E5" };
  const pending = new Set(
    db.$client.prepare("SELECT item_id FROM extensions WHERE status = 'pending'").pluck().all()
  );
  const scan = db.$client.prepare(`
    SELECT id, state, deadline, flagged, assigned_at, claimed_at, progress_cycle, lead_unit_id, leader_id,
      CASE WHEN progress_cycle != 'none' THEN (SELECT MAX(created_at) FROM progress_reports p WHERE p.item_id = items.id) END AS last_progress
    FROM items WHERE +state IN ('assigned', 'in_progress') AND id > ? ORDER BY id LIMIT ?`);
  const writer = new StepWriter(db, now2);
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
    if (due.length) db.transaction((tx) => writer.writeBatch(tx, due, result), { behavior: "immediate" });
  }
  return result;
}
var BATCH, StepWriter;
var init_chase_sweep = __esm({
  "src/scheduler/chase-sweep.ts"() {
    "use strict";
    init_chase_ladder();
    init_dates();
    init_org_repository();
    init_outbox();
    BATCH = 2e3;
    StepWriter = class {
      constructor(db, now2) {
        this.now = now2;
        this.at = now2.toISOString();
        this.recordedPairs = db.$client.prepare(
          "SELECT step_key || char(10) || recipient FROM chases WHERE step_key IN (SELECT value FROM json_each(?))"
        ).pluck();
        this.insertChase = db.$client.prepare(
          "INSERT INTO chases (item_id, kind, step_key, recipient, automatic, at, outbox_id) VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING"
        );
        this.dropOutbox = db.$client.prepare("DELETE FROM outbox WHERE id = ?");
        this.enqueue = bulkEnqueuer(db);
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
  }
});

// src/cards/types.ts
var CARD_ACTIONS;
var init_types = __esm({
  "src/cards/types.ts"() {
    "use strict";
    CARD_ACTIONS = [
      "claim",
      "progress_form",
      "extension_form",
      "completion_form",
      "submit_progress",
      "submit_extension",
      "submit_completion",
      "approve_extension",
      "reject_extension",
      "approve",
      "return",
      "detail",
      "back",
      "register",
      "issue_interview"
    ];
  }
});

// src/domain/item.ts
var OPEN_STATES, isOpen, STATE_LABELS, SourceCategories, SOURCE_LABELS, MODE_LABELS, KIND_LABELS, CYCLE_LABELS;
var init_item = __esm({
  "src/domain/item.ts"() {
    "use strict";
    OPEN_STATES = ["registered", "assigned", "in_progress", "under_review"];
    isOpen = (s) => OPEN_STATES.includes(s);
    STATE_LABELS = {
      registered: "\u5DF2\u767B\u8BB0",
      assigned: "\u5F85\u8BA4\u9886",
      in_progress: "\u529E\u7406\u4E2D",
      under_review: "\u5F85\u5BA1\u6838",
      closed: "\u5DF2\u9500\u53F7",
      archived: "\u5DF2\u5F52\u6863",
      merged: "\u5DF2\u5408\u5E76",
      cancelled: "\u5DF2\u64A4\u9500"
    };
    SourceCategories = [
      "superior",
      // 上级决策部署/批示/交办转办
      "annual_plan",
      // 学校年度工作要点
      "committee",
      // 党委会/常委会/校长办公会决议
      "meeting",
      // 工作调度例会/专题会议
      "congress",
      // 教代会决议/提案
      "leader_instruction",
      // 校领导批示/交办
      "petition",
      // 重点信访/师生关切
      "other"
    ];
    SOURCE_LABELS = {
      superior: "\u4E0A\u7EA7\u51B3\u7B56\u90E8\u7F72/\u6279\u793A/\u4EA4\u529E\u8F6C\u529E",
      annual_plan: "\u5B66\u6821\u5E74\u5EA6\u5DE5\u4F5C\u8981\u70B9",
      committee: "\u515A\u59D4\u4F1A/\u5E38\u59D4\u4F1A/\u6821\u957F\u529E\u516C\u4F1A\u51B3\u8BAE",
      meeting: "\u5DE5\u4F5C\u8C03\u5EA6\u4F8B\u4F1A/\u4E13\u9898\u4F1A\u8BAE",
      congress: "\u6559\u4EE3\u4F1A\u51B3\u8BAE/\u63D0\u6848",
      leader_instruction: "\u6821\u9886\u5BFC\u6279\u793A/\u4EA4\u529E",
      petition: "\u91CD\u70B9\u4FE1\u8BBF/\u5E08\u751F\u5173\u5207",
      other: "\u5176\u4ED6"
    };
    MODE_LABELS = {
      routine: "\u65E5\u5E38\u7763\u529E",
      meeting: "\u4F1A\u8BAE\u7763\u529E",
      site: "\u73B0\u573A\u7763\u529E",
      joint: "\u8054\u5408\u7763\u529E"
    };
    KIND_LABELS = { ledger: "\u53F0\u8D26\u4EFB\u52A1", notice: "\u4E13\u9879\u7763\u529E\u901A\u77E5" };
    CYCLE_LABELS = {
      none: "\u4E0D\u5B9A\u671F",
      weekly: "\u6BCF\u5468",
      biweekly: "\u6BCF\u4E24\u5468",
      monthly: "\u6BCF\u6708"
    };
  }
});

// src/domain/deadline.ts
function deadlineStatus(item, now2, cal, yellowWithin = 3) {
  if (!isOpen(item.state)) return { light: "none", workdays: 0, overdue: false, text: "" };
  const today = chinaDate(now2);
  if (today > item.deadline) {
    const late = cal.workdaysBetween(item.deadline, today);
    return {
      light: "red",
      workdays: late > 0 ? -late : 0,
      overdue: true,
      text: late > 0 ? `\u903E\u671F ${late} \u4E2A\u5DE5\u4F5C\u65E5` : "\u5DF2\u903E\u671F"
    };
  }
  const left = cal.workdaysBetween(today, item.deadline);
  return {
    light: left <= yellowWithin ? "yellow" : "green",
    workdays: left,
    overdue: false,
    text: today === item.deadline ? "\u4ECA\u65E5\u5230\u671F" : `\u5269\u4F59 ${left} \u4E2A\u5DE5\u4F5C\u65E5`
  };
}
var init_deadline = __esm({
  "src/domain/deadline.ts"() {
    "use strict";
    init_dates();
    init_item();
  }
});

// src/cards/format.ts
function cardSize(card) {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}
function fitCard(build) {
  let card = {};
  for (const k of [1, 0.5, 0.25, 0.12]) {
    card = build(k);
    if (cardSize(card) <= CARD_BYTES_TARGET) return card;
  }
  throw new Error(`\u5361\u7247\u8FC7\u5927\uFF08${cardSize(card)} \u5B57\u8282\uFF09\uFF0C\u8D85\u8FC7\u98DE\u4E66 30 KB \u4E0A\u9650`);
}
function clip(text2, max) {
  const t = (text2 ?? "").trim();
  const chars = Array.from(t);
  return chars.length <= max ? t : `${chars.slice(0, Math.max(1, max - 1)).join("").trimEnd()}\u2026`;
}
function formatDate(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}\u5E74${Number(m[2])}\u6708${Number(m[3])}\u65E5` : date;
}
function formatTime(iso) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + 8 * 36e5).toISOString();
  return `${formatDate(s.slice(0, 10))} ${s.slice(11, 16)}`;
}
function statusOf(item, c2) {
  return deadlineStatus(item, c2.now, c2.calendar, c2.yellowWithin ?? 3);
}
function deadlineText(status, stateLabel2) {
  return status.light === "none" ? stateLabel2 : status.text;
}
function textOf(card) {
  const out = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const o = node;
    if (typeof o.content === "string") {
      if (o.tag === "markdown" || o.tag === "lark_md") {
        out.push(
          o.content.replace(TAG_RE, "").replace(/\*\*/g, "").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&sim;/g, "~")
        );
      } else if (o.tag === "plain_text") out.push(o.content);
    }
    for (const [k, v] of Object.entries(o)) if (k !== "content") walk(v);
  };
  walk(card);
  return out.join("\n");
}
var CARD_BYTES_TARGET, LIGHT_EMOJI, LIGHT_COLOR, TAG_RE;
var init_format = __esm({
  "src/cards/format.ts"() {
    "use strict";
    init_deadline();
    CARD_BYTES_TARGET = 28 * 1024;
    LIGHT_EMOJI = { green: "\u{1F7E2}", yellow: "\u{1F7E1}", red: "\u{1F534}", none: "\u26AA" };
    LIGHT_COLOR = { green: "green", yellow: "orange", red: "red", none: "grey" };
    TAG_RE = /<\/?(?:font|text_tag)\b[^>]*>/g;
  }
});

// src/domain/commands.ts
var COMMAND_LABELS;
var init_commands = __esm({
  "src/domain/commands.ts"() {
    "use strict";
    COMMAND_LABELS = {
      register: "\u7ACB\u9879\u767B\u8BB0",
      send_slip: "\u53D1\u9001\u7763\u529E\u5355",
      claim: "\u8BA4\u9886",
      report_progress: "\u586B\u62A5\u8FDB\u5C55",
      request_extension: "\u7533\u8BF7\u5EF6\u671F",
      approve_extension: "\u540C\u610F\u5EF6\u671F",
      reject_extension: "\u4E0D\u540C\u610F\u5EF6\u671F",
      submit_completion: "\u7533\u8BF7\u529E\u7ED3",
      approve: "\u9500\u53F7",
      return: "\u9000\u56DE",
      merge: "\u5408\u5E76",
      cancel: "\u64A4\u9500",
      archive: "\u5F52\u6863",
      urge: "\u50AC\u529E",
      promote: "\u5217\u5165\u53F0\u8D26"
    };
  }
});

// src/cards/item-view.ts
function budget(k) {
  const n = (base) => Math.max(10, Math.floor(base * k));
  return Object.fromEntries(Object.entries(BUDGET).map(([key, v]) => [key, n(v)]));
}
function inline(text2, max) {
  return clip((text2 ?? "").replace(/\s+/g, " "), max);
}
function stateLabel(item) {
  if (item.state === "under_review") {
    return item.reviewStage === "principal" ? "\u5F85\u5BA1\u6838\uFF08\u4E3B\u8981\u9886\u5BFC\u9500\u53F7\uFF09" : "\u5F85\u5BA1\u6838\uFF08\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6838\uFF09";
  }
  return STATE_LABELS[item.state];
}
function headerColor(item, c2) {
  if (statusOf(item, c2).overdue) return "red";
  return item.flagged ? "orange" : "blue";
}
function tagsOf(item) {
  const tags = [];
  if (item.important) tags.push({ label: "\u91CD\u8981", color: "red" });
  if (item.flagged) tags.push({ label: "\u6302\u724C\u7763\u529E", color: "orange" });
  if (item.confidential) tags.push({ label: "\u6D89\u5BC6", color: "carmine" });
  return tags;
}
function deadlineView(item, c2) {
  const status = statusOf(item, c2);
  return {
    deadline: formatDate(item.deadline),
    deadlineExtra: item.originalDeadline && item.originalDeadline !== item.deadline ? `\uFF08\u539F\u5B9A ${formatDate(item.originalDeadline)}\uFF09` : "",
    light: LIGHT_EMOJI[status.light],
    deadlineColor: LIGHT_COLOR[status.light],
    deadlineText: deadlineText(status, STATE_LABELS[item.state]),
    overdue: status.overdue
  };
}
function itemFacts(item, c2, k = 1) {
  const b = budget(k);
  const sources = item.sources.map((s) => {
    const notes = [inline(s.ref, b.ref), s.mergedFrom ? `\u7531 ${s.mergedFrom} \u5E76\u5165` : ""].filter(Boolean);
    return `${SOURCE_LABELS[s.category] ?? s.category}${notes.length ? `\uFF08${notes.join("\uFF0C")}\uFF09` : ""}`;
  });
  const pending = item.pendingExtension;
  return {
    id: item.id,
    v: item.version,
    number: item.number,
    headerTitle: inline(item.title, b.headerTitle),
    title: inline(item.title, b.title),
    subtitle: `${item.number} \xB7 ${stateLabel(item)}`,
    color: headerColor(item, c2),
    tags: tagsOf(item),
    stateLabel: stateLabel(item),
    requirements: orDash(clip(item.requirements, b.requirements)),
    measures: clip(item.measures, b.measures),
    sources: orDash(sources.join("\uFF1B")),
    mode: MODE_LABELS[item.mode] ?? item.mode,
    lead: c2.unitName(item.leadUnitId),
    coop: item.coopUnitIds.length ? item.coopUnitIds.map((u) => c2.unitName(u)).join("\u3001") : "\u65E0",
    leader: c2.personName(item.leaderId),
    responsible: orDash(inline(item.responsiblePerson, b.name)),
    stages: item.stages.map((s) => `${inline(s.name, b.name)} ${formatDate(s.deadline)}`).join("\uFF1B"),
    cycle: item.progressCycle !== "none" ? CYCLE_LABELS[item.progressCycle] : "",
    pending: pending ? {
      date: formatDate(pending.proposedDeadline),
      by: c2.personName(pending.requestedBy),
      reason: inline(pending.reason, b.line)
    } : null,
    ...deadlineView(item, c2)
  };
}
var BUDGET, orDash;
var init_item_view = __esm({
  "src/cards/item-view.ts"() {
    "use strict";
    init_item();
    init_format();
    BUDGET = {
      headerTitle: 60,
      title: 200,
      requirements: 1500,
      measures: 800,
      ref: 200,
      reason: 1e3,
      line: 200,
      name: 40
    };
    orDash = (s) => s ? s : "\u2014";
  }
});

// cards/completion-form.json
var completion_form_default;
var init_completion_form = __esm({
  "cards/completion-form.json"() {
    completion_form_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u7533\u8BF7\u529E\u7ED3\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u7533\u8BF7\u529E\u7ED3" },
        subtitle: { tag: "plain_text", content: "{{subtitle}}" },
        template: "blue"
      },
      body: {
        elements: [
          {
            tag: "markdown",
            content: "**{{number}}**\u3000{{title}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          { tag: "markdown", content: "<font color='grey'>{{reviewNote}}</font>" },
          {
            tag: "form",
            name: "completion_form",
            elements: [
              {
                tag: "input",
                name: "assessment",
                required: true,
                input_type: "multiline_text",
                rows: 5,
                max_length: 1e3,
                width: "fill",
                label: { tag: "plain_text", content: "\u81EA\u8BC4\u60C5\u51B5" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u5BF9\u7167\u5DE5\u4F5C\u8981\u6C42\uFF0C\u8BF4\u660E\u5B8C\u6210\u60C5\u51B5\u548C\u53D6\u5F97\u7684\u6210\u6548" }
              },
              {
                tag: "input",
                name: "materials",
                required: false,
                input_type: "multiline_text",
                rows: 3,
                max_length: 1e3,
                width: "fill",
                label: { tag: "plain_text", content: "\u4F50\u8BC1\u6750\u6599\uFF08\u6BCF\u884C\u4E00\u9879\uFF09" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u6587\u4EF6\u540D\u79F0\u3001\u6587\u53F7\u6216\u4E91\u6587\u6863\u94FE\u63A5\uFF0C\u6BCF\u884C\u4E00\u9879" }
              },
              {
                tag: "button",
                name: "submit",
                type: "primary_filled",
                text: { tag: "plain_text", content: "\u63D0\u4EA4\u529E\u7ED3\u7533\u8BF7" },
                form_action_type: "submit",
                behaviors: [{ type: "callback", value: { a: "submit_completion", id: "{{id}}", v: "{{v}}" } }]
              }
            ]
          },
          {
            tag: "button",
            type: "default",
            text: { tag: "plain_text", content: "\u8FD4\u56DE" },
            behaviors: [{ type: "callback", value: { a: "back", id: "{{id}}", v: "{{v}}" } }]
          }
        ]
      }
    };
  }
});

// cards/completion-review.json
var completion_review_default;
var init_completion_review = __esm({
  "cards/completion-review.json"() {
    completion_review_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u529E\u7ED3\u5BA1\u6838\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u529E\u7ED3\u5BA1\u6838 \xB7 {{stage}}" },
        subtitle: { tag: "plain_text", content: "{{subtitle}}" },
        template: "orange"
      },
      body: {
        elements: [
          { tag: "markdown", content: "<font color='orange'>{{stageNote}}</font>" },
          {
            tag: "markdown",
            content: "**{{number}}**\u3000{{title}}\n**\u4E3B\u529E\u5355\u4F4D**\uFF1A{{lead}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}{{deadlineExtra}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>\n**\u63D0\u4EA4\u4EBA**\uFF1A{{submitter}}"
          },
          { tag: "markdown", content: "**\u81EA\u8BC4\u60C5\u51B5**\uFF1A\n{{assessment}}" },
          { tag: "markdown", content: "**\u4F50\u8BC1\u6750\u6599**\uFF1A\n{{materials}}" },
          { $if: "decided", tag: "markdown", content: "**\u5BA1\u6838\u7ED3\u679C**\uFF1A{{decided}}" },
          {
            $if: "!decided",
            tag: "form",
            name: "completion_review",
            elements: [
              {
                tag: "input",
                name: "note",
                required: false,
                input_type: "multiline_text",
                rows: 3,
                max_length: 1e3,
                width: "fill",
                label: { tag: "plain_text", content: "\u5BA1\u6838\u610F\u89C1 / \u9000\u56DE\u7406\u7531" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u9500\u53F7\u65F6\u53EF\u586B\u5199\u610F\u89C1\uFF1B\u9000\u56DE\u65F6\u5FC5\u987B\u5199\u660E\u7406\u7531" }
              },
              { tag: "markdown", content: "**\u65B0\u7684\u5B8C\u6210\u65F6\u9650**\u3000<font color='grey'>\u4EC5\u9000\u56DE\u65F6\u586B\u5199</font>" },
              {
                tag: "date_picker",
                name: "new_deadline",
                required: false,
                placeholder: { tag: "plain_text", content: "\u9000\u56DE\u65F6\u8BF7\u9009\u62E9\u65E5\u671F" }
              },
              {
                tag: "column_set",
                flex_mode: "flow",
                horizontal_spacing: "8px",
                columns: [
                  {
                    tag: "column",
                    width: "auto",
                    elements: [
                      {
                        tag: "button",
                        name: "approve",
                        type: "primary_filled",
                        text: { tag: "plain_text", content: "\u9500\u53F7" },
                        form_action_type: "submit",
                        behaviors: [{ type: "callback", value: { a: "approve", id: "{{id}}", v: "{{v}}" } }]
                      }
                    ]
                  },
                  {
                    tag: "column",
                    width: "auto",
                    elements: [
                      {
                        tag: "button",
                        name: "return",
                        type: "danger",
                        text: { tag: "plain_text", content: "\u9000\u56DE" },
                        form_action_type: "submit",
                        behaviors: [{ type: "callback", value: { a: "return", id: "{{id}}", v: "{{v}}" } }]
                      }
                    ]
                  }
                ]
              }
            ]
          },
          {
            tag: "button",
            type: "default",
            text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
            behaviors: [{ type: "callback", value: { a: "detail", id: "{{id}}", v: "{{v}}" } }]
          }
        ]
      }
    };
  }
});

// cards/error.json
var error_default;
var init_error = __esm({
  "cards/error.json"() {
    error_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u64CD\u4F5C\u672A\u5B8C\u6210" } },
      header: {
        title: { tag: "plain_text", content: "\u64CD\u4F5C\u672A\u5B8C\u6210" },
        template: "red"
      },
      body: {
        elements: [
          { tag: "markdown", content: "{{message}}" },
          { $if: "hint", tag: "markdown", content: "<font color='grey'>{{hint}}</font>" }
        ]
      }
    };
  }
});

// cards/extension-form.json
var extension_form_default;
var init_extension_form = __esm({
  "cards/extension-form.json"() {
    extension_form_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u7533\u8BF7\u5EF6\u671F\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u7533\u8BF7\u5EF6\u671F" },
        subtitle: { tag: "plain_text", content: "{{subtitle}}" },
        template: "blue"
      },
      body: {
        elements: [
          {
            tag: "markdown",
            content: "**{{number}}**\u3000{{title}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          {
            tag: "markdown",
            content: "<font color='grey'>\u5EF6\u671F\u987B\u5728\u5B8C\u6210\u65F6\u9650\u524D\u7533\u8BF7\uFF0C\u7531\u5206\u7BA1\u6821\u9886\u5BFC {{leader}} \u5BA1\u6279\uFF1B\u5BA1\u6279\u524D\u539F\u65F6\u9650\u4E0D\u53D8\u3002</font>"
          },
          {
            tag: "form",
            name: "extension_form",
            elements: [
              {
                tag: "input",
                name: "reason",
                required: true,
                input_type: "multiline_text",
                rows: 4,
                max_length: 1e3,
                width: "fill",
                label: { tag: "plain_text", content: "\u5EF6\u671F\u7406\u7531" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u8BF7\u8BF4\u660E\u4E0D\u80FD\u6309\u671F\u5B8C\u6210\u7684\u539F\u56E0\u548C\u76EE\u524D\u8FDB\u5EA6" }
              },
              { tag: "markdown", content: "**\u7533\u8BF7\u5EF6\u81F3**" },
              {
                tag: "date_picker",
                name: "date",
                required: true,
                placeholder: { tag: "plain_text", content: "\u8BF7\u9009\u62E9\u65B0\u7684\u5B8C\u6210\u65E5\u671F" }
              },
              {
                tag: "button",
                name: "submit",
                type: "primary_filled",
                text: { tag: "plain_text", content: "\u63D0\u4EA4\u5EF6\u671F\u7533\u8BF7" },
                form_action_type: "submit",
                behaviors: [{ type: "callback", value: { a: "submit_extension", id: "{{id}}", v: "{{v}}" } }]
              }
            ]
          },
          {
            tag: "button",
            type: "default",
            text: { tag: "plain_text", content: "\u8FD4\u56DE" },
            behaviors: [{ type: "callback", value: { a: "back", id: "{{id}}", v: "{{v}}" } }]
          }
        ]
      }
    };
  }
});

// cards/extension-review.json
var extension_review_default;
var init_extension_review = __esm({
  "cards/extension-review.json"() {
    extension_review_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u5EF6\u671F\u7533\u8BF7\u5BA1\u6279\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u5EF6\u671F\u7533\u8BF7\u5BA1\u6279" },
        subtitle: { tag: "plain_text", content: "{{subtitle}}" },
        template: "orange"
      },
      body: {
        elements: [
          {
            tag: "markdown",
            content: "**{{number}}**\u3000{{title}}\n**\u4E3B\u529E\u5355\u4F4D**\uFF1A{{lead}}\n**\u5F53\u524D\u65F6\u9650**\uFF1A{{deadline}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          {
            tag: "markdown",
            content: "**\u7533\u8BF7\u4EBA**\uFF1A{{requester}}\n**\u7533\u8BF7\u5EF6\u81F3**\uFF1A{{proposed}}\uFF08{{extendBy}}\uFF09\n**\u5EF6\u671F\u7406\u7531**\uFF1A{{reason}}"
          },
          { $if: "decided", tag: "markdown", content: "**\u5BA1\u6279\u7ED3\u679C**\uFF1A{{decided}}" },
          {
            $if: "!decided",
            tag: "form",
            name: "extension_review",
            elements: [
              {
                tag: "input",
                name: "note",
                required: false,
                input_type: "multiline_text",
                rows: 2,
                max_length: 1e3,
                width: "fill",
                label: { tag: "plain_text", content: "\u5BA1\u6279\u610F\u89C1" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u9009\u586B\uFF1B\u4E0D\u540C\u610F\u65F6\u5EFA\u8BAE\u5199\u660E\u7406\u7531" }
              },
              {
                tag: "column_set",
                flex_mode: "flow",
                horizontal_spacing: "8px",
                columns: [
                  {
                    tag: "column",
                    width: "auto",
                    elements: [
                      {
                        tag: "button",
                        name: "approve_extension",
                        type: "primary_filled",
                        text: { tag: "plain_text", content: "\u540C\u610F" },
                        form_action_type: "submit",
                        behaviors: [{ type: "callback", value: { a: "approve_extension", id: "{{id}}", v: "{{v}}" } }]
                      }
                    ]
                  },
                  {
                    tag: "column",
                    width: "auto",
                    elements: [
                      {
                        tag: "button",
                        name: "reject_extension",
                        type: "danger",
                        text: { tag: "plain_text", content: "\u4E0D\u540C\u610F" },
                        form_action_type: "submit",
                        behaviors: [{ type: "callback", value: { a: "reject_extension", id: "{{id}}", v: "{{v}}" } }]
                      }
                    ]
                  }
                ]
              }
            ]
          },
          {
            tag: "button",
            type: "default",
            text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
            behaviors: [{ type: "callback", value: { a: "detail", id: "{{id}}", v: "{{v}}" } }]
          }
        ]
      }
    };
  }
});

// cards/help.json
var help_default;
var init_help = __esm({
  "cards/help.json"() {
    help_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u7763\u529E\u52A9\u624B\u4F7F\u7528\u8BF4\u660E" } },
      header: {
        title: { tag: "plain_text", content: "\u7763\u529E\u52A9\u624B\u4F7F\u7528\u8BF4\u660E" },
        subtitle: { tag: "plain_text", content: "\u5728\u5BF9\u8BDD\u4E2D\u53D1\u9001\u4EE5\u4E0B\u6307\u4EE4\uFF1B\u7F16\u53F7\u53EF\u5199 \u7763\u529E\u30142026\u301517\u53F7 \u6216 2026-17" },
        template: "blue"
      },
      body: {
        elements: [
          { $if: "problem", tag: "markdown", content: "<font color='red'>\u274C {{problem}}</font>" },
          {
            $each: "commands",
            $as: "c",
            $template: {
              tag: "markdown",
              content: "**{{c.usage}}**\n{{c.desc}}\n<font color='grey'>\u4F8B\uFF1A{{c.example}}</font>"
            }
          },
          { tag: "hr" },
          {
            tag: "markdown",
            content: "\u{1F4AC} \u76F4\u63A5\u56DE\u590D\u4EFB\u4F55\u4E00\u5F20\u5173\u4E8E\u7763\u529E\u4E8B\u9879\u7684\u5361\u7247\uFF08\u7763\u529E\u5355\u3001\u50AC\u529E\u3001\u903E\u671F\u9884\u8B66\u7B49\uFF09\uFF0C\u56DE\u590D\u7684\u6587\u5B57\u5373\u8BB0\u4E3A\u8BE5\u4E8B\u9879\u7684\u4E00\u6761\u8FDB\u5C55\u3002"
          }
        ]
      }
    };
  }
});

// cards/item-detail.json
var item_detail_default;
var init_item_detail = __esm({
  "cards/item-detail.json"() {
    item_detail_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u4E8B\u9879\u8BE6\u60C5\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "{{headerTitle}}" },
        subtitle: { tag: "plain_text", content: "\u4E8B\u9879\u8BE6\u60C5 \xB7 {{subtitle}}" },
        text_tag_list: {
          $if: "tags",
          $value: [
            {
              $each: "tags",
              $as: "t",
              $template: { tag: "text_tag", text: { tag: "plain_text", content: "{{t.label}}" }, color: "{{t.color}}" }
            }
          ]
        },
        template: "{{color}}"
      },
      body: {
        elements: [
          {
            tag: "markdown",
            content: "**\u7F16\u53F7**\uFF1A{{number}}\u3000**\u72B6\u6001**\uFF1A{{stateLabel}}\u3000**\u7C7B\u578B**\uFF1A{{kind}}\n**\u7763\u529E\u4E8B\u9879**\uFF1A{{title}}\n**\u5DE5\u4F5C\u8981\u6C42**\uFF1A{{requirements}}\n**\u6765\u6E90**\uFF1A{{sources}}\n**\u7763\u529E\u65B9\u5F0F**\uFF1A{{mode}}\n**\u4E3B\u529E\u5355\u4F4D**\uFF1A{{lead}}\n**\u534F\u529E\u5355\u4F4D**\uFF1A{{coop}}\n**\u5206\u7BA1\u6821\u9886\u5BFC**\uFF1A{{leader}}\n**\u8D23\u4EFB\u4EBA**\uFF1A{{responsible}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}{{deadlineExtra}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          { $if: "measures", tag: "markdown", content: "**\u5DE5\u4F5C\u63AA\u65BD**\uFF1A{{measures}}" },
          { $if: "stages", tag: "markdown", content: "**\u9636\u6BB5\u5B89\u6392**\uFF1A{{stages}}" },
          { $if: "cycle", tag: "markdown", content: "**\u8FDB\u5C55\u62A5\u9001**\uFF1A{{cycle}}" },
          {
            $if: "pending",
            tag: "markdown",
            content: "<font color='orange'>\u23F3 \u5EF6\u671F\u7533\u8BF7\u5F85\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6279\uFF1A\u7533\u8BF7\u5EF6\u81F3 {{pending.date}}\uFF08{{pending.by}} \u63D0\u51FA\uFF09\uFF1B\u7406\u7531\uFF1A{{pending.reason}}</font>"
          },
          { tag: "markdown", content: "<font color='grey'>\u767B\u8BB0\uFF1A{{createdBy}} {{createdAt}}{{claimLine}}</font>" },
          { tag: "hr" },
          { tag: "markdown", content: "**\u8FDB\u5C55\u62A5\u544A**\u3000<font color='grey'>{{progressSummary}}</font>" },
          { $if: "!progress", tag: "markdown", content: "<font color='grey'>\u6682\u65E0\u8FDB\u5C55\u62A5\u544A</font>" },
          {
            $each: "progress",
            $as: "p",
            $template: {
              tag: "markdown",
              content: "<font color='grey'>{{p.time}} {{p.who}}</font>\n{{p.text}}"
            }
          },
          { tag: "hr" },
          { tag: "markdown", content: "**\u529E\u7406\u8BB0\u5F55**\u3000<font color='grey'>{{historySummary}}</font>" },
          { $if: "!history", tag: "markdown", content: "<font color='grey'>\u6682\u65E0\u8BB0\u5F55</font>" },
          {
            $each: "history",
            $as: "h",
            $template: {
              tag: "markdown",
              content: "<font color='grey'>{{h.time}}</font>\u3000{{h.actor}}\u3000**{{h.action}}**{{h.states}}{{h.note}}"
            }
          },
          { tag: "hr" },
          {
            tag: "button",
            type: "default",
            text: { tag: "plain_text", content: "\u8FD4\u56DE" },
            behaviors: [{ type: "callback", value: { a: "back", id: "{{id}}", v: "{{v}}" } }]
          }
        ]
      }
    };
  }
});

// cards/list.json
var list_default;
var init_list = __esm({
  "cards/list.json"() {
    list_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "{{title}}\uFF08\u5171 {{count}} \u9879\uFF09" } },
      header: {
        title: { tag: "plain_text", content: "{{title}}" },
        subtitle: { tag: "plain_text", content: "{{subtitle}}" },
        template: "blue"
      },
      body: {
        elements: [
          { $if: "!rows", tag: "markdown", content: "<font color='grey'>\u6682\u65E0\u4E8B\u9879</font>" },
          {
            $each: "rows",
            $as: "r",
            $template: {
              tag: "column_set",
              flex_mode: "none",
              horizontal_spacing: "8px",
              columns: [
                {
                  tag: "column",
                  width: "weighted",
                  weight: 4,
                  vertical_align: "center",
                  elements: [
                    {
                      tag: "markdown",
                      content: "{{r.light}} **{{r.number}}** {{r.title}}\n<font color='grey'>{{r.lead}} \xB7 \u622A\u6B62 {{r.deadline}}</font>\u3000<font color='{{r.color}}'>{{r.text}}</font>"
                    }
                  ]
                },
                {
                  tag: "column",
                  width: "auto",
                  vertical_align: "center",
                  elements: [
                    {
                      tag: "button",
                      type: "default",
                      size: "small",
                      text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
                      behaviors: [{ type: "callback", value: { a: "detail", id: "{{r.id}}", v: "{{r.v}}" } }]
                    }
                  ]
                }
              ]
            }
          },
          { $if: "more", tag: "markdown", content: "<font color='grey'>\u53E6\u6709 {{more}} \u9879\u672A\u663E\u793A\uFF0C\u8BF7\u7528 /\u7763\u529E \u5217\u8868 \u903E\u671F\u3001/\u7763\u529E \u5217\u8868 \u672C\u5355\u4F4D \u7B49\u7F29\u5C0F\u8303\u56F4\u3002</font>" }
        ]
      }
    };
  }
});

// cards/notice.json
var notice_default;
var init_notice = __esm({
  "cards/notice.json"() {
    notice_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "{{title}}" } },
      header: {
        title: { tag: "plain_text", content: "{{title}}" },
        template: "blue"
      },
      body: {
        elements: [{ tag: "markdown", content: "{{message}}" }]
      }
    };
  }
});

// cards/progress-form.json
var progress_form_default;
var init_progress_form = __esm({
  "cards/progress-form.json"() {
    progress_form_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u586B\u62A5\u8FDB\u5C55\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u586B\u62A5\u8FDB\u5C55" },
        subtitle: { tag: "plain_text", content: "{{subtitle}}" },
        template: "blue"
      },
      body: {
        elements: [
          {
            tag: "markdown",
            content: "**{{number}}**\u3000{{title}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          {
            tag: "form",
            name: "progress_form",
            elements: [
              {
                tag: "input",
                name: "text",
                required: true,
                input_type: "multiline_text",
                rows: 5,
                max_length: 1e3,
                width: "fill",
                label: { tag: "plain_text", content: "\u672C\u6B21\u8FDB\u5C55" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u8BF7\u586B\u5199\u5DF2\u5B8C\u6210\u7684\u5DE5\u4F5C\u3001\u5F53\u524D\u8FDB\u5EA6\u3001\u5B58\u5728\u7684\u95EE\u9898\u548C\u4E0B\u4E00\u6B65\u5B89\u6392" }
              },
              {
                tag: "button",
                name: "submit",
                type: "primary_filled",
                text: { tag: "plain_text", content: "\u63D0\u4EA4\u8FDB\u5C55" },
                form_action_type: "submit",
                behaviors: [{ type: "callback", value: { a: "submit_progress", id: "{{id}}", v: "{{v}}" } }]
              }
            ]
          },
          {
            tag: "button",
            type: "default",
            text: { tag: "plain_text", content: "\u8FD4\u56DE" },
            behaviors: [{ type: "callback", value: { a: "back", id: "{{id}}", v: "{{v}}" } }]
          }
        ]
      }
    };
  }
});

// cards/receipt.json
var receipt_default;
var init_receipt = __esm({
  "cards/receipt.json"() {
    receipt_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "{{message}}\uFF1A{{number}}" } },
      header: {
        title: { tag: "plain_text", content: "{{message}}" },
        subtitle: { tag: "plain_text", content: "{{subtitle}}" },
        template: "green"
      },
      body: {
        elements: [
          {
            tag: "markdown",
            content: "**{{number}}**\u3000{{title}}\n**\u4E3B\u529E\u5355\u4F4D**\uFF1A{{lead}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}{{deadlineExtra}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>\n**\u72B6\u6001**\uFF1A{{stateLabel}}"
          },
          {
            tag: "button",
            type: "default",
            text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
            behaviors: [{ type: "callback", value: { a: "detail", id: "{{id}}", v: "{{v}}" } }]
          }
        ]
      }
    };
  }
});

// cards/register-form.json
var register_form_default;
var init_register_form = __esm({
  "cards/register-form.json"() {
    register_form_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u65B0\u5EFA\u7763\u529E\u4E8B\u9879" } },
      header: {
        title: { tag: "plain_text", content: "\u65B0\u5EFA\u7763\u529E\u4E8B\u9879" },
        subtitle: { tag: "plain_text", content: "\u7ACB\u9879\u767B\u8BB0\uFF1A\u63D0\u4EA4\u540E\u751F\u6210\u7F16\u53F7\uFF0C\u518D\u53D1\u9001\u7763\u529E\u5355" },
        template: "blue"
      },
      body: {
        elements: [
          { $if: "error", tag: "markdown", content: "<font color='red'>\u274C {{error}}</font>" },
          {
            tag: "form",
            name: "register_form",
            elements: [
              {
                tag: "input",
                name: "title",
                required: true,
                max_length: 200,
                width: "fill",
                label: { tag: "plain_text", content: "\u4E8B\u9879\u540D\u79F0" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u4F8B\uFF1A\u4FEE\u8BA2\u672C\u79D1\u751F\u57F9\u517B\u65B9\u6848" }
              },
              {
                tag: "input",
                name: "requirements",
                required: false,
                input_type: "multiline_text",
                rows: 4,
                max_length: 1e3,
                width: "fill",
                label: { tag: "plain_text", content: "\u5DE5\u4F5C\u8981\u6C42" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u5C3D\u91CF\u91CF\u5316\uFF1A\u5B8C\u6210\u4EC0\u4E48\u3001\u8FBE\u5230\u4EC0\u4E48\u6807\u51C6\u3001\u63D0\u4EA4\u4EC0\u4E48\u6750\u6599" }
              },
              { tag: "markdown", content: "**\u6765\u6E90**" },
              {
                tag: "select_static",
                name: "source",
                required: true,
                width: "fill",
                placeholder: { tag: "plain_text", content: "\u8BF7\u9009\u62E9\u4E8B\u9879\u6765\u6E90" },
                options: [
                  {
                    $each: "sources",
                    $as: "s",
                    $template: { text: { tag: "plain_text", content: "{{s.name}}" }, value: "{{s.id}}" }
                  }
                ]
              },
              {
                tag: "input",
                name: "ref",
                required: false,
                max_length: 200,
                width: "fill",
                label: { tag: "plain_text", content: "\u6765\u6E90\u4F9D\u636E" },
                label_position: "top",
                placeholder: { tag: "plain_text", content: "\u4F1A\u8BAE\u7EAA\u8981\u3001\u6279\u793A\u6216\u6587\u4EF6\u6587\u53F7" }
              },
              { tag: "markdown", content: "**\u4E3B\u529E\u5355\u4F4D**" },
              {
                tag: "select_static",
                name: "lead",
                required: true,
                width: "fill",
                placeholder: { tag: "plain_text", content: "\u8BF7\u9009\u62E9\u4E3B\u529E\u5355\u4F4D" },
                options: [
                  {
                    $each: "units",
                    $as: "u",
                    $template: { text: { tag: "plain_text", content: "{{u.name}}" }, value: "{{u.id}}" }
                  }
                ]
              },
              { tag: "markdown", content: "**\u534F\u529E\u5355\u4F4D**\u3000<font color='grey'>\u53EF\u591A\u9009\uFF0C\u53EF\u4E0D\u9009</font>" },
              {
                tag: "multi_select_static",
                name: "coop",
                required: false,
                width: "fill",
                placeholder: { tag: "plain_text", content: "\u8BF7\u9009\u62E9\u534F\u529E\u5355\u4F4D" },
                options: [
                  {
                    $each: "units",
                    $as: "u",
                    $template: { text: { tag: "plain_text", content: "{{u.name}}" }, value: "{{u.id}}" }
                  }
                ]
              },
              { tag: "markdown", content: "**\u5206\u7BA1\u6821\u9886\u5BFC**" },
              {
                tag: "select_static",
                name: "leader",
                required: true,
                width: "fill",
                placeholder: { tag: "plain_text", content: "\u8BF7\u9009\u62E9\u5206\u7BA1\u6821\u9886\u5BFC" },
                options: [
                  {
                    $each: "leaders",
                    $as: "l",
                    $template: { text: { tag: "plain_text", content: "{{l.name}}" }, value: "{{l.id}}" }
                  }
                ]
              },
              { tag: "markdown", content: "**\u5B8C\u6210\u65F6\u9650**" },
              {
                tag: "date_picker",
                name: "deadline",
                required: true,
                placeholder: { tag: "plain_text", content: "\u8BF7\u9009\u62E9\u5B8C\u6210\u65E5\u671F" }
              },
              { tag: "markdown", content: "**\u8FDB\u5C55\u62A5\u9001\u5468\u671F**" },
              {
                tag: "select_static",
                name: "cycle",
                required: false,
                width: "fill",
                placeholder: { tag: "plain_text", content: "\u4E0D\u5B9A\u671F\uFF08\u53EF\u4E0D\u9009\uFF09" },
                options: [
                  { text: { tag: "plain_text", content: "\u6BCF\u5468" }, value: "weekly" },
                  { text: { tag: "plain_text", content: "\u6BCF\u4E24\u5468" }, value: "biweekly" },
                  { text: { tag: "plain_text", content: "\u6BCF\u6708" }, value: "monthly" }
                ]
              },
              { tag: "markdown", content: "**\u6807\u8BB0**\u3000<font color='grey'>\u91CD\u8981\u4E8B\u9879\u987B\u4E3B\u8981\u9886\u5BFC\u9500\u53F7\uFF1B\u6D89\u5BC6\u4E8B\u9879\u4E0D\u5728\u7FA4\u804A\u4E2D\u663E\u793A</font>" },
              {
                tag: "multi_select_static",
                name: "flags",
                required: false,
                width: "fill",
                placeholder: { tag: "plain_text", content: "\u53EF\u4E0D\u9009" },
                options: [
                  { text: { tag: "plain_text", content: "\u91CD\u8981" }, value: "important" },
                  { text: { tag: "plain_text", content: "\u6302\u724C\u7763\u529E" }, value: "flagged" },
                  { text: { tag: "plain_text", content: "\u6D89\u5BC6" }, value: "confidential" }
                ]
              },
              {
                tag: "button",
                name: "submit",
                type: "primary_filled",
                text: { tag: "plain_text", content: "\u63D0\u4EA4\u767B\u8BB0" },
                form_action_type: "submit",
                behaviors: [{ type: "callback", value: { a: "register", id: 0, v: 0 } }]
              }
            ]
          }
        ]
      }
    };
  }
});

// cards/slip.json
var slip_default;
var init_slip = __esm({
  "cards/slip.json"() {
    slip_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u7763\u529E\u5355\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "{{headerTitle}}" },
        subtitle: { tag: "plain_text", content: "\u7763\u529E\u5355 \xB7 {{subtitle}}" },
        text_tag_list: {
          $if: "tags",
          $value: [
            {
              $each: "tags",
              $as: "t",
              $template: { tag: "text_tag", text: { tag: "plain_text", content: "{{t.label}}" }, color: "{{t.color}}" }
            }
          ]
        },
        template: "{{color}}"
      },
      body: {
        elements: [
          { $if: "note", tag: "markdown", content: "**{{note}}**" },
          {
            $if: "isCoop",
            tag: "markdown",
            content: "<font color='orange'>\u60A8\u5355\u4F4D\u662F\u672C\u4E8B\u9879\u7684\u300C\u534F\u529E\u5355\u4F4D\u300D\uFF1A\u8BF7\u914D\u5408\u4E3B\u529E\u5355\u4F4D\u529E\u7406\u5E76\u586B\u62A5\u8FDB\u5C55\uFF0C\u529E\u7ED3\u7531\u4E3B\u529E\u5355\u4F4D\u7533\u8BF7\u3002</font>"
          },
          {
            tag: "markdown",
            content: "**\u7F16\u53F7**\uFF1A{{number}}\u3000**\u72B6\u6001**\uFF1A{{stateLabel}}\n**\u7763\u529E\u4E8B\u9879**\uFF1A{{title}}\n**\u5DE5\u4F5C\u8981\u6C42**\uFF1A{{requirements}}\n**\u6765\u6E90**\uFF1A{{sources}}\n**\u7763\u529E\u65B9\u5F0F**\uFF1A{{mode}}\n**\u4E3B\u529E\u5355\u4F4D**\uFF1A{{lead}}\n**\u534F\u529E\u5355\u4F4D**\uFF1A{{coop}}\n**\u5206\u7BA1\u6821\u9886\u5BFC**\uFF1A{{leader}}\n**\u8D23\u4EFB\u4EBA**\uFF1A{{responsible}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}{{deadlineExtra}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          { $if: "measures", tag: "markdown", content: "**\u5DE5\u4F5C\u63AA\u65BD**\uFF1A{{measures}}" },
          { $if: "stages", tag: "markdown", content: "**\u9636\u6BB5\u5B89\u6392**\uFF1A{{stages}}" },
          { $if: "cycle", tag: "markdown", content: "**\u8FDB\u5C55\u62A5\u9001**\uFF1A{{cycle}}" },
          {
            $if: "pending",
            tag: "markdown",
            content: "<font color='orange'>\u23F3 \u5EF6\u671F\u7533\u8BF7\u5F85\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6279\uFF1A\u7533\u8BF7\u5EF6\u81F3 {{pending.date}}\uFF08{{pending.by}} \u63D0\u51FA\uFF09\uFF1B\u7406\u7531\uFF1A{{pending.reason}}</font>"
          },
          { tag: "hr" },
          {
            tag: "column_set",
            flex_mode: "flow",
            horizontal_spacing: "8px",
            columns: [
              {
                $if: "canClaim",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary_filled",
                    text: { tag: "plain_text", content: "\u8BA4\u9886" },
                    behaviors: [{ type: "callback", value: { a: "claim", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                $if: "canProgress",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary",
                    text: { tag: "plain_text", content: "\u586B\u62A5\u8FDB\u5C55" },
                    behaviors: [{ type: "callback", value: { a: "progress_form", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                $if: "canExtend",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "default",
                    text: { tag: "plain_text", content: "\u7533\u8BF7\u5EF6\u671F" },
                    behaviors: [{ type: "callback", value: { a: "extension_form", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                $if: "canComplete",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary",
                    text: { tag: "plain_text", content: "\u7533\u8BF7\u529E\u7ED3" },
                    behaviors: [{ type: "callback", value: { a: "completion_form", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "default",
                    text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
                    behaviors: [{ type: "callback", value: { a: "detail", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              }
            ]
          }
        ]
      }
    };
  }
});

// src/cards/render.ts
function escapeMarkdown(text2) {
  return text2.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(MD_SPECIAL, (ch) => MD_ESCAPES[ch]);
}
function fail(ctx, message) {
  throw new TemplateError(`\u5361\u7247\u6A21\u677F ${ctx.template}: ${message}`);
}
function lookup(ctx, path) {
  const [head, ...rest] = path.split(".");
  const scope = ctx.scopes.find((s) => Object.prototype.hasOwnProperty.call(s, head));
  if (!scope) fail(ctx, `\u7F3A\u5C11\u5360\u4F4D\u503C "${path}"`);
  let value = scope[head];
  for (const key of rest) {
    if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) fail(ctx, `\u7F3A\u5C11\u5360\u4F4D\u503C "${path}"`);
    value = value[key];
  }
  if (value === void 0) fail(ctx, `\u7F3A\u5C11\u5360\u4F4D\u503C "${path}"`);
  return value;
}
function truthy(ctx, cond) {
  if (typeof cond !== "string" || !cond) fail(ctx, `$if \u9700\u8981\u4E00\u4E2A\u540D\u5B57\uFF0C\u6536\u5230 ${JSON.stringify(cond)}`);
  const negate = cond.startsWith("!");
  const v = lookup(ctx, negate ? cond.slice(1).trim() : cond);
  const t = Array.isArray(v) ? v.length > 0 : Boolean(v);
  return negate ? !t : t;
}
function renderString(s, ctx) {
  const whole = WHOLE.exec(s);
  if (whole) {
    const v = lookup(ctx, whole[1]);
    if (v === null) fail(ctx, `\u5360\u4F4D\u503C "${whole[1]}" \u4E3A null`);
    return typeof v === "string" && ctx.markdown ? escapeMarkdown(v) : v;
  }
  return s.replace(INLINE, (_, path) => {
    const v = lookup(ctx, path);
    if (typeof v === "number") return String(v);
    if (typeof v !== "string") fail(ctx, `\u5360\u4F4D\u503C "${path}" \u5D4C\u5728\u6587\u5B57\u4E2D\uFF0C\u5E94\u4E3A\u6587\u5B57\u6216\u6570\u5B57\uFF0C\u5B9E\u4E3A ${v === null ? "null" : typeof v}`);
    return ctx.markdown ? escapeMarkdown(v) : v;
  });
}
function renderNode(node, ctx) {
  if (typeof node === "string") return renderString(node, ctx);
  if (Array.isArray(node)) return renderArray(node, ctx);
  if (!isObject(node)) return node;
  if ("$each" in node) fail(ctx, "$each \u53EA\u80FD\u4F5C\u4E3A\u6570\u7EC4\u5143\u7D20\u4F7F\u7528");
  if ("$if" in node) {
    if (!truthy(ctx, node.$if)) return void 0;
    if ("$value" in node) {
      if (Object.keys(node).length !== 2) fail(ctx, "\u5E26 $value \u7684 $if \u4E0D\u80FD\u6709\u5176\u5B83\u5C5E\u6027");
      return renderNode(node.$value, ctx);
    }
  }
  const out = {};
  const markdownElement = node.tag === "markdown" || node.tag === "lark_md";
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("$")) {
      if (key === "$if") continue;
      fail(ctx, `\u672A\u77E5\u7684\u6307\u4EE4 "${key}"`);
    }
    const child = renderNode(value, { ...ctx, markdown: markdownElement && key === "content" });
    if (child !== void 0) out[key] = child;
  }
  return out;
}
function renderArray(nodes, ctx) {
  const out = [];
  for (const node of nodes) {
    if (isObject(node) && "$each" in node) {
      for (const key of Object.keys(node)) if (!DIRECTIVES.has(key)) fail(ctx, `$each \u5143\u7D20\u4E0D\u80FD\u6709\u5C5E\u6027 "${key}"`);
      if (typeof node.$as !== "string" || !node.$as) fail(ctx, "$each \u9700\u8981 $as \u7ED9\u51FA\u5FAA\u73AF\u53D8\u91CF\u540D");
      if (!("$template" in node)) fail(ctx, "$each \u9700\u8981 $template");
      if ("$if" in node && !truthy(ctx, node.$if)) continue;
      const list = lookup(ctx, String(node.$each));
      if (!Array.isArray(list)) fail(ctx, `$each "${String(node.$each)}" \u4E0D\u662F\u6570\u7EC4`);
      for (const item of list) {
        const inner = { ...ctx, scopes: [{ [node.$as]: item }, ...ctx.scopes] };
        const rendered2 = renderNode(node.$template, inner);
        if (Array.isArray(node.$template)) out.push(...rendered2);
        else if (rendered2 !== void 0) out.push(rendered2);
      }
      continue;
    }
    const rendered = renderNode(node, ctx);
    if (rendered !== void 0) out.push(rendered);
  }
  return out;
}
function render(template, view, name = "card") {
  const result = renderNode(template, { template: name, scopes: [view], markdown: false });
  if (result === void 0) throw new TemplateError(`\u5361\u7247\u6A21\u677F ${name}: \u6574\u4E2A\u6A21\u677F\u88AB $if \u53BB\u6389\u4E86`);
  return result;
}
var WHOLE, INLINE, DIRECTIVES, MD_ESCAPES, MD_SPECIAL, CONTROL, TemplateError, isObject;
var init_render = __esm({
  "src/cards/render.ts"() {
    "use strict";
    WHOLE = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/;
    INLINE = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;
    DIRECTIVES = /* @__PURE__ */ new Set(["$each", "$as", "$template", "$if", "$value"]);
    MD_ESCAPES = {
      "<": "&#60;",
      ">": "&#62;",
      "*": "&#42;",
      _: "&#95;",
      "~": "&sim;",
      "`": "&#96;",
      "[": "&#91;",
      "]": "&#93;",
      "#": "&#35;",
      "|": "&#124;",
      "\\": "&#92;"
    };
    MD_SPECIAL = /[<>*_~`[\]#|\\]/g;
    CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
    TemplateError = class extends Error {
      name = "TemplateError";
    };
    isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
  }
});

// src/cards/templates.ts
function renderCard(name, view) {
  return render(TEMPLATES[name], view, name);
}
var TEMPLATES;
var init_templates = __esm({
  "src/cards/templates.ts"() {
    "use strict";
    init_completion_form();
    init_completion_review();
    init_error();
    init_extension_form();
    init_extension_review();
    init_help();
    init_item_detail();
    init_list();
    init_notice();
    init_progress_form();
    init_receipt();
    init_register_form();
    init_slip();
    init_render();
    TEMPLATES = {
      "completion-form": completion_form_default,
      "completion-review": completion_review_default,
      error: error_default,
      "extension-form": extension_form_default,
      "extension-review": extension_review_default,
      help: help_default,
      "item-detail": item_detail_default,
      list: list_default,
      notice: notice_default,
      "progress-form": progress_form_default,
      receipt: receipt_default,
      "register-form": register_form_default,
      slip: slip_default
    };
  }
});

// src/cards/item-cards.ts
function slipCard(item, c2, audience, note) {
  const lead = audience === "lead";
  const inProgress = item.state === "in_progress";
  return fitCard(
    (k) => renderCard("slip", {
      ...itemFacts(item, c2, k),
      note: inline(note, 100),
      isCoop: audience === "coop",
      canClaim: lead && item.state === "assigned",
      canProgress: (lead || audience === "coop") && inProgress,
      canExtend: lead && inProgress && !item.pendingExtension,
      canComplete: lead && inProgress
    })
  );
}
function historyView(row, c2, k) {
  const b = budget(k);
  const parts = [];
  if (row.fromState && row.toState && row.fromState !== row.toState) {
    parts.push(`${stateName(row.fromState)} \u2192 ${stateName(row.toState)}`);
  }
  const deadline = row.changes?.deadline;
  if (Array.isArray(deadline) && typeof deadline[0] === "string" && typeof deadline[1] === "string") {
    parts.push(`\u5B8C\u6210\u65F6\u9650 ${formatDate(deadline[0])} \u2192 ${formatDate(deadline[1])}`);
  }
  return {
    time: formatTime(row.at),
    actor: inline(c2.personName(row.actorId), b.name),
    action: ACTION_LABELS[row.action] ?? row.action,
    states: parts.length ? `\uFF08${parts.join("\uFF1B")}\uFF09` : "",
    note: row.note ? `\uFF1A${inline(row.note, b.line)}` : ""
  };
}
function itemDetailCard(item, d, c2) {
  const history = lastOf(d.history, HISTORY_SHOWN, (r2) => r2.at);
  const progress = lastOf(d.progress, PROGRESS_SHOWN, (r2) => r2.createdAt);
  const lines = [];
  if (item.claimedBy && item.claimedAt) lines.push(`\u8BA4\u9886\uFF1A${c2.personName(item.claimedBy)} ${formatTime(item.claimedAt)}`);
  if (item.submittedAt) lines.push(`\u7533\u8BF7\u529E\u7ED3\uFF1A${formatTime(item.submittedAt)}`);
  if (item.closedAt) lines.push(`\u9500\u53F7\uFF1A${formatTime(item.closedAt)}`);
  return fitCard((k) => {
    const b = budget(k);
    return renderCard("item-detail", {
      ...itemFacts(item, c2, k),
      kind: KIND_LABELS[item.kind] ?? item.kind,
      createdBy: inline(c2.personName(item.createdBy), b.name),
      createdAt: formatTime(item.createdAt),
      claimLine: lines.map((l) => `\uFF1B${l}`).join(""),
      progressSummary: countLine(d.progress.length, progress.length),
      progress: progress.map((p) => ({
        time: formatTime(p.createdAt),
        who: [p.unitId ? c2.unitName(p.unitId) : "", c2.personName(p.authorId)].filter(Boolean).join(" "),
        text: clip(p.text, b.line)
      })),
      historySummary: countLine(d.history.length, history.length),
      history: history.map((h) => historyView(h, c2, k))
    });
  });
}
function receiptCard(item, c2, message) {
  return fitCard((k) => renderCard("receipt", { ...itemFacts(item, c2, k), message: inline(message, 60) || "\u5DF2\u5B8C\u6210" }));
}
var HISTORY_SHOWN, PROGRESS_SHOWN, ACTION_LABELS, stateName, lastOf, countLine;
var init_item_cards = __esm({
  "src/cards/item-cards.ts"() {
    "use strict";
    init_commands();
    init_item();
    init_format();
    init_item_view();
    init_templates();
    HISTORY_SHOWN = 15;
    PROGRESS_SHOWN = 10;
    ACTION_LABELS = { ...COMMAND_LABELS, merge_in: "\u5E76\u5165\u4E8B\u9879" };
    stateName = (s) => s && s in STATE_LABELS ? STATE_LABELS[s] : s ?? "";
    lastOf = (rows, n, key) => [...rows].sort((x, y) => key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0).slice(-n);
    countLine = (total, shown) => total > shown ? `\u5171 ${total} \u6761\uFF0C\u663E\u793A\u6700\u8FD1 ${shown} \u6761` : `\u5171 ${total} \u6761`;
  }
});

// src/cards/form-cards.ts
function progressFormCard(item, c2) {
  return fitCard((k) => renderCard("progress-form", itemFacts(item, c2, k)));
}
function extensionFormCard(item, c2) {
  return fitCard((k) => renderCard("extension-form", itemFacts(item, c2, k)));
}
function completionFormCard(item, c2) {
  const reviewNote = item.important ? "\u63D0\u4EA4\u540E\u7531\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6838\uFF0C\u672C\u4E8B\u9879\u4E3A\u91CD\u8981\u4E8B\u9879\uFF0C\u8FD8\u987B\u4E3B\u8981\u9886\u5BFC\u9500\u53F7\uFF1B\u5BA1\u6838\u671F\u95F4\u4E0D\u80FD\u518D\u586B\u62A5\u8FDB\u5C55\u6216\u7533\u8BF7\u5EF6\u671F\u3002" : "\u63D0\u4EA4\u540E\u7531\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6838\uFF1A\u540C\u610F\u5373\u9500\u53F7\uFF0C\u4E0D\u540C\u610F\u5C06\u9000\u56DE\u5E76\u9650\u5B9A\u65B0\u7684\u5B8C\u6210\u65F6\u9650\uFF1B\u5BA1\u6838\u671F\u95F4\u4E0D\u80FD\u518D\u586B\u62A5\u8FDB\u5C55\u6216\u7533\u8BF7\u5EF6\u671F\u3002";
  return fitCard((k) => renderCard("completion-form", { ...itemFacts(item, c2, k), reviewNote }));
}
function registerFormCard(o) {
  return fitCard((k) => {
    const n = Math.max(8, Math.floor(40 * k));
    return renderCard("register-form", {
      error: inline(o.error, 300),
      sources: SourceCategories.map((id) => ({ id, name: SOURCE_LABELS[id] })),
      units: o.units.map((u) => ({ id: u.id, name: inline(u.name, n) || u.id })),
      leaders: o.leaders.map((l) => ({ id: l.id, name: inline(l.name, n) || l.id }))
    });
  });
}
var init_form_cards = __esm({
  "src/cards/form-cards.ts"() {
    "use strict";
    init_item();
    init_format();
    init_item_view();
    init_templates();
  }
});

// src/cards/review-cards.ts
function extensionSpan(from, to, c2) {
  try {
    const days = c2.calendar.workdaysBetween(from, to);
    return days > 0 ? `\u987A\u5EF6 ${days} \u4E2A\u5DE5\u4F5C\u65E5` : "\u672A\u665A\u4E8E\u5F53\u524D\u65F6\u9650";
  } catch {
    return "\u65E5\u671F\u65E0\u6548";
  }
}
function extensionReviewCard(item, ext, c2, decided) {
  return fitCard(
    (k) => renderCard("extension-review", {
      ...itemFacts(item, c2, k),
      requester: inline(c2.personName(ext.requestedBy), 40),
      proposed: formatDate(ext.proposedDeadline),
      extendBy: extensionSpan(item.deadline, ext.proposedDeadline, c2),
      reason: clip(ext.reason, budget(k).reason) || "\u2014",
      decided: inline(decided, 200)
    })
  );
}
function completionReviewCard(item, sub, c2, decided) {
  const principal = item.reviewStage === "principal";
  const stageNote = principal ? "\u672C\u4E8B\u9879\u4E3A\u91CD\u8981\u4E8B\u9879\uFF0C\u5206\u7BA1\u6821\u9886\u5BFC\u5DF2\u5BA1\u6838\u540C\u610F\uFF0C\u73B0\u8BF7\u4E3B\u8981\u9886\u5BFC\u9500\u53F7\uFF08\u7B2C\u4E8C\u7EA7\uFF09\u3002" : item.important ? "\u8BF7\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6838\u3002\u672C\u4E8B\u9879\u4E3A\u91CD\u8981\u4E8B\u9879\uFF0C\u540C\u610F\u540E\u8FD8\u987B\u4E3B\u8981\u9886\u5BFC\u9500\u53F7\u3002" : "\u8BF7\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6838\uFF1A\u540C\u610F\u5219\u9500\u53F7\uFF1B\u4E0D\u540C\u610F\u5219\u9000\u56DE\uFF0C\u5E76\u9650\u5B9A\u65B0\u7684\u5B8C\u6210\u65F6\u9650\u3002";
  return fitCard((k) => {
    const b = budget(k);
    const shown = sub.materials.slice(0, MATERIALS_SHOWN).map((m) => `\u2022 ${inline(m, b.line)}`);
    if (sub.materials.length > shown.length) shown.push(`\u2026\u53E6\u6709 ${sub.materials.length - shown.length} \u9879`);
    return renderCard("completion-review", {
      ...itemFacts(item, c2, k),
      stage: principal ? "\u4E3B\u8981\u9886\u5BFC\u9500\u53F7" : "\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6838",
      stageNote,
      submitter: inline(c2.personName(sub.submittedBy), b.name),
      assessment: clip(sub.selfAssessment, b.requirements) || "\u2014",
      materials: shown.length ? shown.join("\n") : "\u672A\u63D0\u4F9B",
      decided: inline(decided, 200)
    });
  });
}
var MATERIALS_SHOWN;
var init_review_cards = __esm({
  "src/cards/review-cards.ts"() {
    "use strict";
    init_format();
    init_item_view();
    init_templates();
    MATERIALS_SHOWN = 20;
  }
});

// src/cards/help-text.ts
var HELP_COMMANDS;
var init_help_text = __esm({
  "src/cards/help-text.ts"() {
    "use strict";
    HELP_COMMANDS = [
      { usage: "/\u7763\u529E \u5E2E\u52A9", desc: "\u663E\u793A\u672C\u8BF4\u660E\u3002", example: "/\u7763\u529E \u5E2E\u52A9" },
      { usage: "/\u7763\u529E \u65B0\u5EFA", desc: "\u6253\u5F00\u7ACB\u9879\u767B\u8BB0\u8868\u5355\uFF0C\u9010\u9879\u586B\u5199\u540E\u63D0\u4EA4\uFF08\u7763\u529E\u4EBA\u5458\uFF09\u3002", example: "/\u7763\u529E \u65B0\u5EFA" },
      {
        usage: "/\u7763\u529E \u65B0\u5EFA <\u6807\u9898> \u4E3B\u529E:<\u5355\u4F4D> [\u534F\u529E:<\u5355\u4F4D>,<\u5355\u4F4D>] \u622A\u6B62:<YYYY-MM-DD> [\u5206\u7BA1:<\u59D3\u540D>] [\u6765\u6E90:<\u6765\u6E90>] [\u5468\u671F:\u6BCF\u5468|\u6BCF\u4E24\u5468|\u6BCF\u6708] [\u91CD\u8981] [\u6302\u724C] [\u6D89\u5BC6]",
        desc: "\u4E00\u53E5\u8BDD\u7ACB\u9879\u767B\u8BB0\uFF0C\u65B9\u62EC\u53F7\u5185\u4E3A\u53EF\u9009\u9879\uFF08\u7763\u529E\u4EBA\u5458\uFF09\u3002",
        example: "/\u7763\u529E \u65B0\u5EFA \u4FEE\u8BA2\u672C\u79D1\u751F\u57F9\u517B\u65B9\u6848 \u4E3B\u529E:\u6559\u52A1\u5904 \u534F\u529E:\u7814\u7A76\u751F\u9662,\u5B66\u751F\u5904 \u622A\u6B62:2026-12-31 \u5206\u7BA1:\u674E\u526F\u6821\u957F \u6765\u6E90:\u6821\u957F\u529E\u516C\u4F1A \u91CD\u8981"
      },
      {
        usage: "/\u7763\u529E \u5217\u8868 [\u6211\u7684|\u672C\u5355\u4F4D|\u903E\u671F|\u5F85\u5BA1\u6838|\u5168\u90E8]",
        desc: "\u6309\u8303\u56F4\u5217\u51FA\u4E8B\u9879\u548C\u7EA2\u9EC4\u7EFF\u706F\uFF1A\u{1F7E2} \u6B63\u5E38\uFF0C\u{1F7E1} \u4E34\u8FD1\u65F6\u9650\uFF0C\u{1F534} \u5DF2\u903E\u671F\u3002",
        example: "/\u7763\u529E \u5217\u8868 \u903E\u671F"
      },
      { usage: "/\u7763\u529E \u67E5\u770B <\u7F16\u53F7>", desc: "\u67E5\u770B\u4E8B\u9879\u8BE6\u60C5\u3001\u8FDB\u5C55\u548C\u529E\u7406\u8BB0\u5F55\u3002", example: "/\u7763\u529E \u67E5\u770B \u7763\u529E\u30142026\u301517\u53F7 \u6216 /\u7763\u529E \u67E5\u770B 2026-17" },
      {
        usage: "/\u7763\u529E \u8FDB\u5C55 <\u7F16\u53F7> <\u6587\u5B57>",
        desc: "\u586B\u62A5\u4E00\u6761\u8FDB\u5C55\uFF08\u4E3B\u529E\u6216\u534F\u529E\u5355\u4F4D\uFF09\u3002",
        example: "/\u7763\u529E \u8FDB\u5C55 2026-17 \u57F9\u517B\u65B9\u6848\u521D\u7A3F\u5DF2\u5B8C\u6210\uFF0C\u4E0B\u5468\u63D0\u4EA4\u6821\u957F\u529E\u516C\u4F1A\u5BA1\u8BAE"
      },
      { usage: "/\u7763\u529E \u50AC\u529E <\u7F16\u53F7>", desc: "\u5411\u4E3B\u529E\u5355\u4F4D\u53D1\u51FA\u50AC\u529E\uFF08\u7763\u529E\u4EBA\u5458\uFF09\u3002", example: "/\u7763\u529E \u50AC\u529E 2026-17" },
      {
        usage: "/\u7763\u529E \u7ED1\u5B9A <\u5355\u4F4D\u540D>",
        desc: "\u628A\u5F53\u524D\u7FA4\u804A\u7ED1\u5B9A\u4E3A\u8BE5\u5355\u4F4D\u7684\u5DE5\u4F5C\u7FA4\uFF0C\u7763\u529E\u5355\u548C\u50AC\u529E\u5C06\u53D1\u5230\u8FD9\u91CC\u3002",
        example: "/\u7763\u529E \u7ED1\u5B9A \u6559\u52A1\u5904"
      }
    ];
  }
});

// src/cards/message-cards.ts
function listCard(title, items2, c2) {
  const statuses = items2.map((i) => statusOf(i, c2));
  const overdue = statuses.filter((s) => s.light === "red").length;
  const soon = statuses.filter((s) => s.light === "yellow").length;
  const shown = items2.slice(0, LIST_ROWS);
  const subtitle = [`\u5171 ${items2.length} \u9879`, overdue ? `\u903E\u671F ${overdue} \u9879` : "", soon ? `\u4E34\u671F ${soon} \u9879` : ""].filter(Boolean).join(" \xB7 ");
  return fitCard(
    (k) => renderCard("list", {
      title: inline(title, 40) || "\u7763\u529E\u4E8B\u9879",
      subtitle,
      count: items2.length,
      rows: shown.map((item, i) => {
        const s = statuses[i];
        return {
          id: item.id,
          v: item.version,
          light: LIGHT_EMOJI[s.light],
          color: LIGHT_COLOR[s.light],
          number: item.number,
          title: inline(item.title, Math.max(10, Math.floor(60 * k))),
          lead: inline(c2.unitName(item.leadUnitId), 30),
          deadline: formatDate(item.deadline),
          text: deadlineText(s, STATE_LABELS[item.state])
        };
      }),
      more: items2.length - shown.length
    })
  );
}
function errorCard(message, hint) {
  return renderCard("error", { message: clip(message, 1e3) || "\u672A\u77E5\u9519\u8BEF", hint: clip(hint, 500) });
}
function noticeCard(title, message) {
  return renderCard("notice", { title: inline(title, 60) || "\u7763\u529E\u52A9\u624B", message: clip(message, 2e3) || "\u2014" });
}
function helpCard(problem) {
  return renderCard("help", { problem: inline(problem, 300), commands: HELP_COMMANDS });
}
var LIST_ROWS;
var init_message_cards = __esm({
  "src/cards/message-cards.ts"() {
    "use strict";
    init_item();
    init_format();
    init_help_text();
    init_item_view();
    init_templates();
    LIST_ROWS = 30;
  }
});

// cards/interview-proposal.json
var interview_proposal_default;
var init_interview_proposal = __esm({
  "cards/interview-proposal.json"() {
    interview_proposal_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u7EA6\u8C08\u5EFA\u8BAE\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u3010\u7EA6\u8C08\u5EFA\u8BAE\u3011{{headerTitle}}" },
        subtitle: { tag: "plain_text", content: "{{number}} \xB7 {{stateLabel}}" },
        text_tag_list: {
          $if: "tags",
          $value: [
            {
              $each: "tags",
              $as: "t",
              $template: { tag: "text_tag", text: { tag: "plain_text", content: "{{t.label}}" }, color: "{{t.color}}" }
            }
          ]
        },
        template: "red"
      },
      body: {
        elements: [
          { tag: "markdown", content: "<font color='red'>**{{lateText}}\uFF0C\u5DF2\u50AC\u529E {{chases}} \u6B21\u4ECD\u672A\u529E\u7ED3\uFF0C\u5EFA\u8BAE\u7EA6\u8C08**</font>" },
          {
            tag: "markdown",
            content: "**\u7F16\u53F7**\uFF1A{{number}}\u3000**\u72B6\u6001**\uFF1A{{stateLabel}}\n**\u7763\u529E\u4E8B\u9879**\uFF1A{{title}}\n**\u4E3B\u529E\u5355\u4F4D**\uFF1A{{lead}}\n**\u5206\u7BA1\u6821\u9886\u5BFC**\uFF1A{{leader}}\n**\u8D23\u4EFB\u4EBA**\uFF1A{{responsible}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}{{deadlineExtra}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          {
            tag: "markdown",
            content: "\u6309\u7167\u7763\u529E\u5DE5\u4F5C\u529E\u6CD5\uFF0C\u5BF9\u7763\u529E\u540E\u4ECD\u672A\u529E\u7ED3\u7684\u4E8B\u9879\uFF0C\u7531\u515A\u59D4\u529E\u516C\u5BA4\u3001\u6821\u957F\u529E\u516C\u5BA4\u534F\u8C03\u5206\u7BA1\u6821\u9886\u5BFC\uFF08{{leader}}\uFF09\u5411{{lead}}\u53D1\u9001\u7763\u529E\u7EA6\u8C08\u901A\u77E5\u5355\uFF0C\u4E0E\u5355\u4F4D\u8D1F\u8D23\u4EBA\u8FDB\u884C\u7EA6\u8C08\u3002"
          },
          {
            $if: "canIssue",
            tag: "markdown",
            content: "<font color='grey'>\u70B9\u51FB\u300C\u7B7E\u53D1\u7EA6\u8C08\u901A\u77E5\u300D\u5373\u7B7E\u53D1\u7763\u529E\u7EA6\u8C08\u901A\u77E5\u5355\u3002</font>"
          },
          { tag: "hr" },
          {
            tag: "column_set",
            flex_mode: "flow",
            horizontal_spacing: "8px",
            columns: [
              {
                $if: "canIssue",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "danger_filled",
                    text: { tag: "plain_text", content: "\u7B7E\u53D1\u7EA6\u8C08\u901A\u77E5" },
                    behaviors: [{ type: "callback", value: { a: "issue_interview", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "default",
                    text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
                    behaviors: [{ type: "callback", value: { a: "detail", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              }
            ]
          }
        ]
      }
    };
  }
});

// cards/overdue-warning.json
var overdue_warning_default;
var init_overdue_warning = __esm({
  "cards/overdue-warning.json"() {
    overdue_warning_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u903E\u671F\u9884\u8B66\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u3010\u903E\u671F\u9884\u8B66\u3011{{headerTitle}}" },
        subtitle: { tag: "plain_text", content: "{{number}} \xB7 {{stateLabel}}" },
        text_tag_list: {
          $if: "tags",
          $value: [
            {
              $each: "tags",
              $as: "t",
              $template: { tag: "text_tag", text: { tag: "plain_text", content: "{{t.label}}" }, color: "{{t.color}}" }
            }
          ]
        },
        template: "red"
      },
      body: {
        elements: [
          { tag: "markdown", content: "<font color='red'>**\u26A0\uFE0F {{lateText}}\uFF0C\u5DF2\u50AC\u529E {{chases}} \u6B21\u4ECD\u672A\u529E\u7ED3**</font>" },
          {
            tag: "markdown",
            content: "**\u7F16\u53F7**\uFF1A{{number}}\u3000**\u72B6\u6001**\uFF1A{{stateLabel}}\n**\u7763\u529E\u4E8B\u9879**\uFF1A{{title}}\n**\u4E3B\u529E\u5355\u4F4D**\uFF1A{{lead}}\n**\u5206\u7BA1\u6821\u9886\u5BFC**\uFF1A{{leader}}\n**\u8D23\u4EFB\u4EBA**\uFF1A{{responsible}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}{{deadlineExtra}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          {
            tag: "markdown",
            content: "**\u540E\u679C**\uFF1A\u6309\u7167\u7763\u529E\u5DE5\u4F5C\u529E\u6CD5\uFF0C\u5BF9\u7763\u529E\u540E\u4ECD\u672A\u529E\u7ED3\u7684\u4E8B\u9879\uFF0C\u7531\u5206\u7BA1\u6821\u9886\u5BFC\u7EA6\u8C08\u5355\u4F4D\u8D1F\u8D23\u4EBA\uFF1B\u5BF9\u6577\u884D\u63A8\u8BFF\u3001\u4E0D\u6309\u8981\u6C42\u529E\u7406\u7684\uFF0C\u7531\u6821\u515A\u59D4\u4E66\u8BB0\u6216\u6821\u957F\u7EA6\u8C08\u5355\u4F4D\u4E3B\u8981\u8D1F\u8D23\u4EBA\u5E76\u8D23\u6210\u6574\u6539\uFF1B\u7EA6\u8C08\u540E\u4ECD\u4E0D\u80FD\u6309\u65F6\u3001\u6309\u8981\u6C42\u5B8C\u6210\u7684\uFF0C\u4F9D\u89C4\u8FFD\u7A76\u76F8\u5173\u4EBA\u5458\u8D23\u4EFB\u3002"
          },
          { tag: "markdown", content: "**{{ask}}**" },
          { $if: "replyHint", tag: "markdown", content: "<font color='grey'>\u{1F4AC} {{replyHint}}</font>" },
          { tag: "hr" },
          {
            tag: "column_set",
            flex_mode: "flow",
            horizontal_spacing: "8px",
            columns: [
              {
                $if: "canClaim",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary_filled",
                    text: { tag: "plain_text", content: "\u8BA4\u9886" },
                    behaviors: [{ type: "callback", value: { a: "claim", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                $if: "canProgress",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary",
                    text: { tag: "plain_text", content: "\u586B\u62A5\u8FDB\u5C55" },
                    behaviors: [{ type: "callback", value: { a: "progress_form", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                $if: "canComplete",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary",
                    text: { tag: "plain_text", content: "\u7533\u8BF7\u529E\u7ED3" },
                    behaviors: [{ type: "callback", value: { a: "completion_form", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "default",
                    text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
                    behaviors: [{ type: "callback", value: { a: "detail", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              }
            ]
          }
        ]
      }
    };
  }
});

// cards/reminder.json
var reminder_default;
var init_reminder = __esm({
  "cards/reminder.json"() {
    reminder_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "{{label}}\uFF1A{{number}} {{headerTitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u3010{{label}}\u3011{{headerTitle}}" },
        subtitle: { tag: "plain_text", content: "{{number}} \xB7 {{stateLabel}}" },
        text_tag_list: {
          $if: "tags",
          $value: [
            {
              $each: "tags",
              $as: "t",
              $template: { tag: "text_tag", text: { tag: "plain_text", content: "{{t.label}}" }, color: "{{t.color}}" }
            }
          ]
        },
        template: "{{color}}"
      },
      body: {
        elements: [
          { tag: "markdown", content: "<font color='{{color}}'>**{{reason}}**</font>" },
          {
            tag: "markdown",
            content: "**\u7F16\u53F7**\uFF1A{{number}}\u3000**\u72B6\u6001**\uFF1A{{stateLabel}}\n**\u7763\u529E\u4E8B\u9879**\uFF1A{{title}}\n**\u4E3B\u529E\u5355\u4F4D**\uFF1A{{lead}}\n**\u5B8C\u6210\u65F6\u9650**\uFF1A{{deadline}}{{deadlineExtra}}\u3000<font color='{{deadlineColor}}'>{{light}} {{deadlineText}}</font>"
          },
          {
            $if: "pending",
            tag: "markdown",
            content: "<font color='orange'>\u23F3 \u5EF6\u671F\u7533\u8BF7\u5F85\u5206\u7BA1\u6821\u9886\u5BFC\u5BA1\u6279\uFF1A\u7533\u8BF7\u5EF6\u81F3 {{pending.date}}\uFF08{{pending.by}} \u63D0\u51FA\uFF09</font>"
          },
          { $if: "replyHint", tag: "markdown", content: "<font color='grey'>\u{1F4AC} {{replyHint}}</font>" },
          { tag: "hr" },
          {
            tag: "column_set",
            flex_mode: "flow",
            horizontal_spacing: "8px",
            columns: [
              {
                $if: "canClaim",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary_filled",
                    text: { tag: "plain_text", content: "\u8BA4\u9886" },
                    behaviors: [{ type: "callback", value: { a: "claim", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                $if: "canProgress",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary",
                    text: { tag: "plain_text", content: "\u586B\u62A5\u8FDB\u5C55" },
                    behaviors: [{ type: "callback", value: { a: "progress_form", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                $if: "canExtend",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "default",
                    text: { tag: "plain_text", content: "\u7533\u8BF7\u5EF6\u671F" },
                    behaviors: [{ type: "callback", value: { a: "extension_form", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                $if: "canComplete",
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "primary",
                    text: { tag: "plain_text", content: "\u7533\u8BF7\u529E\u7ED3" },
                    behaviors: [{ type: "callback", value: { a: "completion_form", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              },
              {
                tag: "column",
                width: "auto",
                elements: [
                  {
                    tag: "button",
                    type: "default",
                    text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
                    behaviors: [{ type: "callback", value: { a: "detail", id: "{{id}}", v: "{{v}}" } }]
                  }
                ]
              }
            ]
          }
        ]
      }
    };
  }
});

// cards/supervisor-summary.json
var supervisor_summary_default;
var init_supervisor_summary = __esm({
  "cards/supervisor-summary.json"() {
    supervisor_summary_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "\u7763\u529E\u65E5\u62A5 {{date}}\uFF1A{{subtitle}}" } },
      header: {
        title: { tag: "plain_text", content: "\u7763\u529E\u65E5\u62A5 \xB7 {{date}}" },
        subtitle: { tag: "plain_text", content: "{{subtitle}}" },
        template: "blue"
      },
      body: {
        elements: [
          {
            $each: "sections",
            $as: "s",
            $template: [
              { tag: "markdown", content: "**{{s.title}}**\uFF08{{s.count}} \u9879\uFF09\n{{s.lines}}" },
              { $if: "s.more", tag: "markdown", content: "<font color='grey'>\u53E6\u6709 {{s.more}} \u9879\u672A\u663E\u793A</font>" }
            ]
          }
        ]
      }
    };
  }
});

// cards/unit-digest.json
var unit_digest_default;
var init_unit_digest = __esm({
  "cards/unit-digest.json"() {
    unit_digest_default = {
      schema: "2.0",
      config: { update_multi: true, summary: { content: "{{title}}\uFF08{{weekLabel}}\uFF09\uFF1A\u5728\u529E {{count}} \u9879" } },
      header: {
        title: { tag: "plain_text", content: "{{title}}" },
        subtitle: { tag: "plain_text", content: "{{weekLabel}}" },
        template: "blue"
      },
      body: {
        elements: [
          {
            tag: "markdown",
            content: "**\u5728\u529E {{count}} \u9879\uFF0C\u5176\u4E2D<font color='red'>\u903E\u671F {{overdue}}</font>\u3001<font color='orange'>\u4E34\u671F {{soon}}</font>**"
          },
          { $if: "!rows", tag: "markdown", content: "<font color='grey'>\u672C\u5355\u4F4D\u6682\u65E0\u5728\u529E\u7763\u529E\u4E8B\u9879</font>" },
          {
            $each: "rows",
            $as: "r",
            $template: {
              tag: "column_set",
              flex_mode: "none",
              horizontal_spacing: "8px",
              columns: [
                {
                  tag: "column",
                  width: "weighted",
                  weight: 4,
                  vertical_align: "center",
                  elements: [
                    {
                      tag: "markdown",
                      content: "{{r.light}} **{{r.number}}** {{r.title}}\n<font color='grey'>{{r.role}} \xB7 \u622A\u6B62 {{r.deadline}}</font>\u3000<font color='{{r.color}}'>{{r.text}}</font>"
                    }
                  ]
                },
                {
                  tag: "column",
                  width: "auto",
                  vertical_align: "center",
                  elements: [
                    {
                      tag: "button",
                      type: "default",
                      size: "small",
                      text: { tag: "plain_text", content: "\u67E5\u770B\u8BE6\u60C5" },
                      behaviors: [{ type: "callback", value: { a: "detail", id: "{{r.id}}", v: "{{r.v}}" } }]
                    }
                  ]
                }
              ]
            }
          },
          { $if: "more", tag: "markdown", content: "<font color='grey'>\u53E6\u6709 {{more}} \u9879\u672A\u663E\u793A\uFF0C\u8BF7\u53D1\u9001 /\u7763\u529E \u5217\u8868 \u672C\u5355\u4F4D \u67E5\u770B\u5168\u90E8\u3002</font>" },
          { tag: "markdown", content: "<font color='grey'>\u6D89\u5BC6\u4E8B\u9879\u4E0D\u5728\u7FA4\u804A\u4E2D\u663E\u793A\u3002</font>" }
        ]
      }
    };
  }
});

// src/domain/errors.ts
var ErrorCode, DubanError;
var init_errors = __esm({
  "src/domain/errors.ts"() {
    "use strict";
    ErrorCode = {
      NotFound: "not_found",
      Forbidden: "forbidden",
      InvalidState: "invalid_state",
      InvalidInput: "invalid_input",
      Conflict: "conflict",
      DeadlinePassed: "deadline_passed",
      ExtensionPending: "extension_pending",
      NoPendingExtension: "no_pending_extension",
      UnknownUnit: "unknown_unit",
      AmbiguousUnit: "ambiguous_unit",
      UnknownPerson: "unknown_person",
      Internal: "internal"
    };
    DubanError = class extends Error {
      constructor(code, message, details) {
        super(message);
        this.code = code;
        this.details = details;
        this.name = "DubanError";
      }
      code;
      details;
    };
  }
});

// src/cards/chase-cards.ts
function replyHint(item) {
  if (item.state === "in_progress") return REPLY_HINT;
  if (item.state === "assigned") return `\u8BA4\u9886\u540E\uFF0C${REPLY_HINT}`;
  return "";
}
function lateText(status, item) {
  if (status.overdue) return status.workdays < 0 ? `\u5DF2\u903E\u671F ${-status.workdays} \u4E2A\u5DE5\u4F5C\u65E5` : "\u5DF2\u903E\u671F";
  return deadlineText(status, STATE_LABELS[item.state]) || STATE_LABELS[item.state];
}
function reminderReason(item, c2, kind, status, periodDue) {
  switch (kind) {
    case "unclaimed":
      return "\u{1F4CC} \u7763\u529E\u5355\u5DF2\u4E0B\u53D1\uFF0C\u672C\u5355\u4F4D\u5C1A\u672A\u8BA4\u9886\uFF0C\u8BF7\u8BA4\u9886";
    case "due_soon":
      return status.overdue ? `\u{1F534} ${lateText(status, item)}\uFF0C\u8BF7\u5C3D\u5FEB\u529E\u7406` : `\u23F0 \u8DDD\u5B8C\u6210\u65F6\u9650\u8FD8\u6709 ${status.workdays} \u4E2A\u5DE5\u4F5C\u65E5`;
    case "due_today":
      if (status.overdue) return `\u{1F534} ${lateText(status, item)}\uFF0C\u8BF7\u5C3D\u5FEB\u529E\u7406`;
      return chinaDate(c2.now) === item.deadline ? "\u23F0 \u4ECA\u65E5\u5230\u671F\uFF0C\u8BF7\u6293\u7D27\u529E\u7406" : `\u23F0 \u4ECA\u5929\u662F\u5B8C\u6210\u65F6\u9650\uFF08${formatDate(item.deadline)}\uFF09\u524D\u6700\u540E\u4E00\u4E2A\u5DE5\u4F5C\u65E5\uFF0C\u8BF7\u6293\u7D27\u529E\u7406`;
    case "overdue":
      return `\u{1F534} ${status.overdue ? lateText(status, item) : "\u5DF2\u903E\u671F"}\uFF0C\u8BF7\u5C3D\u5FEB\u529E\u7406`;
    case "progress_request":
      return periodDue ? `\u{1F4DD} \u8BF7\u62A5\u9001\u672C\u671F\uFF08\u622A\u81F3 ${formatDate(periodDue)}\uFF09\u5DE5\u4F5C\u8FDB\u5C55` : "\u{1F4DD} \u8BF7\u62A5\u9001\u672C\u671F\u5DE5\u4F5C\u8FDB\u5C55";
  }
}
function reminderCard(item, c2, kind, extra) {
  const status = statusOf(item, c2);
  const inProgress = item.state === "in_progress";
  const red = kind === "overdue" || status.overdue;
  const orange = !red && (kind === "due_today" || status.light !== "none" && status.workdays === 0);
  return fitCard(
    (k) => renderChase("reminder", {
      ...itemFacts(item, c2, k),
      label: CHASE_LABELS[kind],
      color: red ? "red" : orange ? "orange" : "blue",
      reason: reminderReason(item, c2, kind, status, extra?.periodDue),
      replyHint: replyHint(item),
      canClaim: item.state === "assigned",
      canProgress: inProgress,
      canExtend: inProgress && !item.pendingExtension && !status.overdue,
      canComplete: inProgress
    })
  );
}
function overdueWarningCard(item, c2, o) {
  const status = statusOf(item, c2);
  const forUnit = !o.forLeader;
  return fitCard((k) => {
    const facts = itemFacts(item, c2, k);
    return renderChase("overdue-warning", {
      ...facts,
      lateText: lateText(status, item),
      chases: Math.max(0, Math.floor(o.chases)),
      ask: o.forLeader ? `\u8BF7\u5206\u7BA1\u6821\u9886\u5BFC\u7763\u4FC3${facts.lead}\u52A0\u5FEB\u529E\u7406\u3002` : "\u8BF7\u5355\u4F4D\u4E3B\u8981\u8D1F\u8D23\u4EBA\uFF08\u7B2C\u4E00\u8D23\u4EFB\u4EBA\uFF09\u7763\u4FC3\u843D\u5B9E\uFF0C\u7ACB\u5373\u529E\u7406\u5E76\u62A5\u9001\u8FDB\u5C55\uFF1B\u5DF2\u529E\u7ED3\u7684\u8BF7\u7533\u8BF7\u529E\u7ED3\u3002",
      replyHint: forUnit ? replyHint(item) : "",
      canClaim: forUnit && item.state === "assigned",
      canProgress: forUnit && item.state === "in_progress",
      canComplete: forUnit && item.state === "in_progress"
    });
  });
}
function interviewProposalCard(item, c2, o) {
  const status = statusOf(item, c2);
  return fitCard(
    (k) => renderChase("interview-proposal", {
      ...itemFacts(item, c2, k),
      lateText: lateText(status, item),
      chases: Math.max(0, Math.floor(o.chases)),
      canIssue: item.state === "assigned" || item.state === "in_progress"
    })
  );
}
function byUrgency(a, b) {
  return a.status.workdays - b.status.workdays || a.item.deadline.localeCompare(b.item.deadline) || a.item.year - b.item.year || a.item.seq - b.item.seq;
}
function unitDigestCard(unitName, items2, unitId, c2, weekLabel) {
  const secret = items2.find((i) => i.confidential);
  if (secret) {
    throw new DubanError(ErrorCode.Forbidden, `\u6D89\u5BC6\u4E8B\u9879\u4E0D\u5F97\u5728\u7FA4\u804A\u4E2D\u663E\u793A\uFF1A${secret.number}`, { itemId: secret.id });
  }
  const open = items2.filter((item) => isOpen(item.state)).map((item) => ({ item, status: statusOf(item, c2) })).sort(byUrgency);
  const shown = open.slice(0, DIGEST_ROWS);
  const name = inline(unitName, 30) || "\u672C\u5355\u4F4D";
  return fitCard(
    (k) => renderChase("unit-digest", {
      title: `${name}\u7763\u529E\u4E8B\u9879\u5468\u62A5`,
      weekLabel: inline(weekLabel, 40) || "\u672C\u5468",
      count: open.length,
      overdue: open.filter((r2) => r2.status.light === "red").length,
      soon: open.filter((r2) => r2.status.light === "yellow").length,
      rows: shown.map(({ item, status }) => ({
        id: item.id,
        v: item.version,
        light: LIGHT_EMOJI[status.light],
        color: LIGHT_COLOR[status.light],
        number: item.number,
        title: inline(item.title, Math.max(10, Math.floor(60 * k))),
        role: item.leadUnitId === unitId ? "\u4E3B\u529E" : item.coopUnitIds.includes(unitId) ? "\u534F\u529E" : "\u76F8\u5173",
        deadline: formatDate(item.deadline),
        text: deadlineText(status, stateLabel(item))
      })),
      more: open.length - shown.length
    })
  );
}
function supervisorSummaryCard(date, s, c2) {
  const deadlineOf = (item) => deadlineText(statusOf(item, c2), stateLabel(item));
  const sections = [
    ["\u4ECA\u65E5\u8F6C\u9EC4", "\u8F6C\u9EC4", s.turnedYellow, deadlineOf],
    ["\u4ECA\u65E5\u8F6C\u7EA2", "\u8F6C\u7EA2", s.turnedRed, deadlineOf],
    ["\u903E\u671F\u9884\u8B66", "\u9884\u8B66", s.warnings, deadlineOf],
    ["\u5F85\u5BA1\u6838", "\u5F85\u5BA1\u6838", s.awaitingReview, stateLabel],
    [
      "\u8FDB\u5C55\u672A\u62A5\u9001",
      "\u672A\u62A5\u9001",
      s.missedProgress,
      (item) => item.progressCycle === "none" ? deadlineOf(item) : `${CYCLE_LABELS[item.progressCycle]}\u62A5\u9001 \xB7 ${deadlineOf(item)}`
    ]
  ];
  const counts = sections.map(([, short, items2]) => `${short} ${items2.length}`).join(" \xB7 ");
  return fitCard(
    (k) => renderChase("supervisor-summary", {
      date: formatDate(date),
      subtitle: counts,
      sections: sections.map(([title, , items2, text2]) => {
        const shown = items2.slice(0, SUMMARY_ROWS);
        const lines = shown.map(
          (item) => [
            `${LIGHT_EMOJI[statusOf(item, c2).light]} ${item.number} ${inline(item.title, Math.max(10, Math.floor(40 * k)))}`,
            inline(c2.unitName(item.leadUnitId), 30),
            text2(item)
          ].join(" \xB7 ")
        );
        return { title, count: items2.length, lines: lines.join("\n") || "\u65E0", more: items2.length - shown.length };
      })
    })
  );
}
var TEMPLATES2, renderChase, REPLY_HINT, DIGEST_ROWS, SUMMARY_ROWS;
var init_chase_cards = __esm({
  "src/cards/chase-cards.ts"() {
    "use strict";
    init_interview_proposal();
    init_overdue_warning();
    init_reminder();
    init_supervisor_summary();
    init_unit_digest();
    init_chase_ladder();
    init_dates();
    init_errors();
    init_item();
    init_format();
    init_item_view();
    init_render();
    TEMPLATES2 = {
      reminder: reminder_default,
      "overdue-warning": overdue_warning_default,
      "interview-proposal": interview_proposal_default,
      "unit-digest": unit_digest_default,
      "supervisor-summary": supervisor_summary_default
    };
    renderChase = (name, view) => render(TEMPLATES2[name], view, name);
    REPLY_HINT = "\u56DE\u590D\u672C\u6D88\u606F\u5373\u53EF\u62A5\u9001\u8FDB\u5C55";
    DIGEST_ROWS = 30;
    SUMMARY_ROWS = 20;
  }
});

// src/cards/cards.ts
var cards_exports = {};
__export(cards_exports, {
  CARD_ACTIONS: () => CARD_ACTIONS,
  cardSize: () => cardSize,
  completionFormCard: () => completionFormCard,
  completionReviewCard: () => completionReviewCard,
  errorCard: () => errorCard,
  extensionFormCard: () => extensionFormCard,
  extensionReviewCard: () => extensionReviewCard,
  helpCard: () => helpCard,
  interviewProposalCard: () => interviewProposalCard,
  itemDetailCard: () => itemDetailCard,
  listCard: () => listCard,
  noticeCard: () => noticeCard,
  overdueWarningCard: () => overdueWarningCard,
  progressFormCard: () => progressFormCard,
  receiptCard: () => receiptCard,
  registerFormCard: () => registerFormCard,
  reminderCard: () => reminderCard,
  slipCard: () => slipCard,
  supervisorSummaryCard: () => supervisorSummaryCard,
  textOf: () => textOf,
  unitDigestCard: () => unitDigestCard
});
var init_cards = __esm({
  "src/cards/cards.ts"() {
    "use strict";
    init_types();
    init_format();
    init_item_cards();
    init_form_cards();
    init_review_cards();
    init_message_cards();
    init_chase_cards();
  }
});

// ../../tmp/probe.ts
var r = () => (process.memoryUsage.rss() / 1048576).toFixed(1);
console.log("bare", r());
await import("better-sqlite3");
console.log("bsql", r());
await import("drizzle-orm");
await import("drizzle-orm/better-sqlite3");
console.log("drizzle", r());
await import("pino");
console.log("pino", r());
var c = await Promise.resolve().then(() => (init_calendar(), calendar_exports));
console.log("calendar mod", r());
c.createWorkCalendar();
console.log("calendar made", r());
await Promise.resolve().then(() => (init_client(), client_exports));
console.log("client", r());
await Promise.resolve().then(() => (init_chase_sweep(), chase_sweep_exports));
console.log("sweep", r());
await Promise.resolve().then(() => (init_cards(), cards_exports));
console.log("cards", r());
await import("zod");
console.log("zod", r());
await import("yaml");
console.log("yaml", r());
