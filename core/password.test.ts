import { describe, expect, it } from "vitest";
import {
  foldVietnamese,
  PASSWORD_MAX,
  passwordProblem,
  passwordStrength,
  personalWords,
} from "./password.ts";

const owner = {
  username: "vp.daumoi",
  displayName: "Nguyễn Thị Hoa",
  other: ["Văn phòng UBND tỉnh Quảng Nam"],
};

describe("password rules", () => {
  it.each([
    ["aaaaaaaaaa", "user.weak_password"],
    ["1234567890", "user.weak_password"],
    ["          ", "user.password_blank"],
    ["\u3000\u3000", "user.password_blank"],
    ["ngắn", "user.password_too_short"],
    ["x".repeat(PASSWORD_MAX + 1), "user.password_too_long"],
    ["y".repeat(201), "user.password_too_long"],
    ["matkhau123", "user.weak_password"],
    ["Mật khẩu 123", "user.weak_password"],
    ["vietnam2019", "user.weak_password"],
    ["hanoi123456", "user.weak_password"],
    ["quangnam@2019", "user.weak_password"],
    ["vp.daumoi2019", "user.weak_password"],
    ["nguyenthihoa1", "user.weak_password"],
    ["vanphongquangnam", "user.weak_password"],
  ])("refuses %j (%s)", (pw, code) => {
    const p = passwordProblem(pw, owner);
    expect(p?.code).toBe(code);
    expect(p?.vi.length).toBeGreaterThan(0);
    expect(p?.en.length).toBeGreaterThan(0);
  });

  it("says the right limit for a password that is too long, not 'at least 10'", () => {
    const p = passwordProblem("z".repeat(201), owner);
    expect(p?.en).toBe(`The password may have at most ${PASSWORD_MAX} characters (it has 201)`);
    expect(p?.vi).toContain(`tối đa ${PASSWORD_MAX}`);
  });

  it.each([
    "gió lùa qua rặng tre xanh",
    "correct horse battery staple",
    "Tr4ng-s0n-bien-bac",
    "x".repeat(2) + "Qw9!vL2#pZ",
  ])("accepts %j", (pw) => expect(passwordProblem(pw, owner)).toBeNull());

  it("counts characters, not UTF-16 units, and the NFC form", () => {
    const decomposed = "ệ".normalize("NFD").repeat(PASSWORD_MAX);
    expect(decomposed.length).toBeGreaterThan(PASSWORD_MAX);
    expect(passwordProblem(decomposed, owner)?.code).not.toBe("user.password_too_long");
  });

  it("scores a password as weak as its unaccented form", () => {
    expect(passwordStrength("Quảng Nam 2019", owner).score).toBeLessThan(3);
    expect(foldVietnamese("Đà Nẵng")).toBe("da nang");
  });

  it("feeds the user's own words, whole, split and run together", () => {
    const words = personalWords(owner);
    expect(words).toEqual(expect.arrayContaining(["vp.daumoi", "daumoi", "nguyenthihoa", "hoa", "quang"]));
  });
});
