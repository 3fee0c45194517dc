/**
 * Password and session policy (defaults and the bounds a secadmin may set them within),
 * and the checks every new password passes.
 */
export interface SecurityPolicy {
  passwordMinLength: number;
  /** Of lower case, upper case, digits, other characters. */
  passwordMinClasses: number;
  /** 0 means passwords do not expire. */
  passwordExpiryDays: number;
  passwordHistory: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleLockMinutes: number;
}

export const DEFAULT_POLICY: SecurityPolicy = {
  passwordMinLength: 10,
  passwordMinClasses: 3,
  passwordExpiryDays: 90,
  passwordHistory: 5,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleLockMinutes: 10,
};

/** Safe bounds: a policy can be tightened freely but never weakened below these. */
export const POLICY_BOUNDS: Readonly<Record<keyof SecurityPolicy, readonly [number, number]>> = {
  passwordMinLength: [8, 64],
  passwordMinClasses: [2, 4],
  passwordExpiryDays: [0, 365],
  passwordHistory: [1, 24],
  lockoutThreshold: [3, 10],
  lockoutMinutes: [5, 1440],
  idleLockMinutes: [1, 60],
};

export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

/** Problems with a proposed password, in Chinese; empty when it is acceptable. */
export function passwordProblems(password: string, policy: SecurityPolicy, username: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.passwordMinLength) problems.push(`密码至少需要 ${policy.passwordMinLength} 个字符（当前 ${length} 个）`);
  if (length > 128) problems.push('密码不能超过 128 个字符');
  const classes = characterClasses(password);
  if (classes < policy.passwordMinClasses) {
    problems.push(`密码需包含小写字母、大写字母、数字、其他符号中的至少 ${policy.passwordMinClasses} 类（当前 ${classes} 类）`);
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含账户名');
  if (/^\s|\s$/.test(password)) problems.push('密码首尾不能是空格');
  return problems;
}
