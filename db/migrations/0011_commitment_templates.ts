import { randomUUID } from 'node:crypto';
import type { Migration } from '../core/migrate';

/**
 * Commitment templates (承诺书模板): the wording of each kind of sign-off, in numbered versions.
 *
 * - A version is never changed or deleted (triggers refuse both): editing a kind's text saves the
 *   next version, and a sign-off records the version that was signed (`person_signoffs.template_version`).
 * - Versions of a kind are numbered 1, 2, 3 … without gaps (a trigger refuses any other number).
 * - `person_signoffs.template_version`, when set, must name an existing version of the sign-off's
 *   kind. The register checks it with a Chinese message; the triggers here are the backstop.
 *
 * Version 1 of each kind is inserted here: default wording written from the obligations of the
 * reference agreements (keep what is learned in the work secret; no copying, taking away or
 * disclosing; use only for the contract; media and materials returned; access ends on departure;
 * leaks reported at once; the duty continues after leaving, through the 脱密期; liability).
 */
export const INITIAL_TEMPLATES: readonly { kind: string; title: string; body: string }[] = [
  {
    kind: '上岗保密承诺书',
    title: '上岗保密承诺书',
    body: `本人{{姓名}}，身份证号码{{身份证号}}，系{{所属单位}}{{岗位}}，因参与{{合同名称}}（合同编号：{{合同编号}}）的工作，将在{{填报单位}}的工作场所和信息系统中接触保密信息。上岗前，本人已接受保密教育，知悉应当承担的保密义务和泄密应负的法律责任，现郑重承诺：
一、严格遵守《中华人民共和国保守国家秘密法》《中华人民共和国网络安全法》等法律法规和{{填报单位}}的保密管理规定，对在工作中知悉的国家秘密、工作秘密、技术资料、业务数据和个人信息等保密信息严格保密。
二、保密信息只用于本合同约定的工作，不刺探与本职工作无关的保密信息；未经书面批准，不复制、摘抄、拍摄或修改保密信息，不以任何方式将其带离工作场所，不向任何第三方披露或传播。
三、只按授权的范围和指定的方式访问信息系统，访问所用的 IP 地址按规定报备；不使用未经登记的设备和存储介质，所用存储介质由专人保管，未经书面批准并加密不带离工作场所。
四、发现保密信息泄露、存储介质丢失或其他安全事件，立即报告{{填报单位}}保密工作负责人，并采取措施防止泄密范围扩大，不隐瞒、不拖延。
五、工作结束、调岗或离岗时，如数交回全部保密资料和存储介质，不留存任何副本，配合终止本人的全部访问权限，并签署离岗保密承诺书。
六、本人的保密义务不因工作结束、调岗或离岗而解除；离岗后，在脱密期内及脱密期满后，仍对知悉的保密信息承担保密义务，直至其依法公开。
七、如违反上述承诺，本人愿意承担相应的纪律责任和法律责任；造成损失的，依法承担赔偿责任。`,
  },
  {
    kind: '保密协议',
    title: '保密协议',
    body: `甲方：{{填报单位}}
乙方：{{姓名}}（身份证号码：{{身份证号}}），所属单位：{{所属单位}}，岗位：{{岗位}}
乙方参与{{合同名称}}（合同编号：{{合同编号}}）的工作，将知悉甲方的保密信息。为保护保密信息的安全，双方本着平等、自愿的原则，约定如下：
一、保密信息是指乙方在工作中以任何方式知悉、不为公众所知的甲方信息，包括网络拓扑、设备与系统配置、账号口令、源代码与技术文档、业务数据、个人信息和内部管理资料等，不论其载体和形式。
二、乙方只为上述工作使用保密信息，遵守最小知悉原则；未经甲方书面同意，不复制、不传播、不向任何第三方披露保密信息，不利用保密信息为自己或他人谋取利益。
三、乙方不将载有保密信息的文档、存储介质和设备带离甲方工作场所；确需带离的，须经甲方书面批准并采取加密措施。
四、乙方只使用甲方登记的 IP 地址和指定的方式访问甲方的网络和信息系统，不访问工作范围以外的网络和系统。
五、乙方发现保密信息泄露或者可能泄露时，立即报告甲方，并配合采取补救措施。
六、上述工作结束或乙方调岗、离岗时，乙方交回全部保密资料和存储介质，不留存副本；甲方终止乙方的全部访问权限。
七、本协议自签署之日起生效。乙方的保密义务不因工作结束、调岗或离岗而解除，对仍未公开的保密信息长期有效。
八、乙方违反本协议的，甲方有权停止其工作并追究责任；给甲方造成损失的，乙方依法承担赔偿责任；涉嫌违法犯罪的，依法移送有关机关处理。`,
  },
  {
    kind: '在岗年度承诺',
    title: '在岗人员年度保密承诺书',
    body: `本人{{姓名}}，身份证号码{{身份证号}}，系{{所属单位}}{{岗位}}，在{{合同名称}}（合同编号：{{合同编号}}）的工作中在岗。本人已参加本年度保密教育，对照保密规定检查了本人过去一年的情况，现就今后一年（至{{有效期至}}）郑重承诺：
一、继续严格遵守国家保密法律法规和{{填报单位}}的保密管理规定，对工作中知悉的保密信息严格保密。
二、保密信息只用于合同约定的工作，不复制、不带离工作场所、不向任何第三方披露，不刺探与本职工作无关的保密信息。
三、本人使用和保管的存储介质、访问系统所用的 IP 地址和账号均已按规定登记；发生变化时及时报告变更，不使用未经登记的设备和存储介质。
四、过去一年中本人知悉的泄密隐患和安全事件均已如实报告；今后发现泄密或安全事件，立即报告并配合处置。
五、调岗或离岗时，交回全部保密资料和存储介质，不留存副本，配合终止访问权限，并签署离岗保密承诺书；离岗后，在脱密期内及脱密期满后继续履行保密义务。
六、如违反上述承诺，本人愿意承担相应的纪律责任和法律责任。`,
  },
  {
    kind: '专项保密承诺',
    title: '专项保密承诺书',
    body: `本人{{姓名}}，身份证号码{{身份证号}}，系{{所属单位}}{{岗位}}，受指派承担{{合同名称}}（合同编号：{{合同编号}}）中的专项工作：＿＿＿＿＿＿＿＿＿＿＿＿（工作内容）。对该项工作涉及的保密事项，本人郑重承诺：
一、只在该项工作所需的范围和期限内知悉、使用相关保密信息，工作完成后不再接触。
二、在{{填报单位}}指定的地点、设备上按指定的方式开展工作；未经书面批准，不复制、拍摄、记录或带走任何保密信息和存储介质。
三、不向任何无关人员透露该项工作的内容、过程和结果。
四、该项工作使用的资料和存储介质，工作完成后当场清点交回或按规定销毁，不留存副本。
五、发现泄密或者可能泄密的情况，立即报告{{填报单位}}保密工作负责人，并配合处置。
六、本承诺自签署之日起生效，有效期至{{有效期至}}；有效期届满后，对已知悉的保密信息仍承担保密义务。
七、如违反上述承诺，本人愿意承担相应的纪律责任和法律责任。`,
  },
  {
    kind: '离岗保密承诺书',
    title: '离岗保密承诺书',
    body: `本人{{姓名}}，身份证号码{{身份证号}}，系{{所属单位}}{{岗位}}，因调岗或离职，自{{脱密期开始}}起不再从事{{合同名称}}（合同编号：{{合同编号}}）的工作。本人郑重承诺：
一、已将工作中使用和保管的全部保密资料、存储介质和设备交回{{填报单位}}，经清点无误；本人未以任何形式留存副本。
二、已配合终止本人在{{填报单位}}网络和信息系统中的全部账号和访问权限，本人报备的访问 IP 地址已撤销。
三、脱密期自{{脱密期开始}}起至{{脱密期结束}}止。脱密期内，本人遵守{{填报单位}}的脱密期管理要求，联系方式或工作单位变化时及时告知。
四、离岗后，本人对在工作中知悉的保密信息继续承担保密义务，直至其依法公开，不因离岗或脱密期届满而解除；不以任何方式泄露或使用这些信息。
五、离岗后发现本人仍持有保密资料或存储介质的，立即交回并报告。
六、如违反上述承诺，本人愿意承担相应的法律责任；造成损失的，依法承担赔偿责任。`,
  },
];

const KINDS = `('上岗保密承诺书', '保密协议', '在岗年度承诺', '专项保密承诺', '离岗保密承诺书')`;

const templateExists = (row: string) =>
  `EXISTS (SELECT 1 FROM commitment_templates t WHERE t.kind = ${row}.kind AND t.version = ${row}.template_version)`;

export const m0011: Migration = {
  version: 11,
  name: '0011_commitment_templates',
  sql: /* sql */ `
CREATE TABLE commitment_templates (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
  version INTEGER NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  UNIQUE (kind, version)
) STRICT;
CREATE TRIGGER commitment_templates_next_version BEFORE INSERT ON commitment_templates
WHEN new.version <> (SELECT coalesce(max(version), 0) + 1 FROM commitment_templates WHERE kind = new.kind)
BEGIN SELECT RAISE(ABORT, 'commitment template versions are numbered 1, 2, 3 … per kind'); END;
CREATE TRIGGER commitment_templates_no_update BEFORE UPDATE ON commitment_templates
BEGIN SELECT RAISE(ABORT, 'commitment templates never change: save a new version'); END;
CREATE TRIGGER commitment_templates_no_delete BEFORE DELETE ON commitment_templates
BEGIN SELECT RAISE(ABORT, 'commitment templates are kept, never deleted'); END;

CREATE TRIGGER person_signoffs_template_insert BEFORE INSERT ON person_signoffs
WHEN new.template_version IS NOT NULL AND NOT ${templateExists('new')}
BEGIN SELECT RAISE(ABORT, 'template_version names no version of this kind'); END;
CREATE TRIGGER person_signoffs_template_update BEFORE UPDATE OF kind, template_version ON person_signoffs
WHEN new.template_version IS NOT NULL AND NOT ${templateExists('new')}
BEGIN SELECT RAISE(ABORT, 'template_version names no version of this kind'); END;
`,
  after(db) {
    const insert = db.prepare(
      `INSERT INTO commitment_templates (uuid, kind, version, title, body, note, created_at, created_by, created_by_name)
       VALUES (?, ?, 1, ?, ?, ?, ?, 'system', '系统')`,
    );
    const at = new Date().toISOString();
    for (const t of INITIAL_TEMPLATES) insert.run(randomUUID(), t.kind, t.title, t.body, '初始模板：依据常见保密协议条款编写，可按本单位要求修改', at);
  },
};
