"""The error catalogue, chapter sync: bundles, reference bundles, device keys and certificates
(fieldapp.sync, fieldapp.jobs.devices).  Entries become members of ErrorCode."""

from __future__ import annotations

from .message_template import Template as T


class SyncMessages:
    # ---- the bundle file and its container ----------------------------------------------------
    BUNDLE_MISSING = T("同步包文件不存在", "The bundle file does not exist")
    BUNDLE_TOO_LARGE = T("同步包内容过大", "The bundle content is too large")
    BUNDLE_FILE_TOO_LARGE = T("同步包文件大得不合理", "The bundle file is implausibly large")
    BUNDLE_UNREADABLE = T("无法读取同步包: {reason}", "Cannot read the bundle: {reason}")
    BUNDLE_NOT_FIELDAPP = T("不是 fieldapp 同步包（文件头不对）",
                            "Not a fieldapp bundle (wrong file header)")
    BUNDLE_HEADER_LENGTH = T("同步包已损坏或被截断（包头长度不对）",
                             "The bundle is damaged or cut short (wrong header length)")
    BUNDLE_CUT_SHORT = T("同步包不完整：文件被截断（应为 {expected} 字节，实为 {size}）",
                         "The bundle is incomplete: the file is cut short ({expected} bytes "
                         "expected, {size} found)")
    BUNDLE_TRAILING_DATA = T("同步包不完整：文件末尾有多余数据（应为 {expected} 字节，实为 {size}）",
                             "The bundle is not as written: extra data at its end ({expected} "
                             "bytes expected, {size} found)")
    BUNDLE_SHRANK = T("读取同步包时文件变短了", "The bundle file got shorter while being read")
    BUNDLE_SIGNATURE = T("签名无效：同步包已损坏或被篡改，未做任何改动",
                         "Invalid signature: the bundle is damaged or tampered with; nothing "
                         "was changed")
    BUNDLE_HEADER_UNREADABLE = T("同步包已损坏（包头无法读取）",
                                 "The bundle is damaged (its header cannot be read)")
    BUNDLE_HEADER_FORMAT = T("同步包已损坏（包头格式不对）",
                             "The bundle is damaged (its header has the wrong format)")
    BUNDLE_HEADER_KEY = T("同步包已损坏（包头缺少 {key}）",
                          "The bundle is damaged (its header lacks {key})")
    BUNDLE_FORMAT_NEWER = T("同步包格式版本 {version} 比本程序新，请升级程序",
                            "The bundle format version {version} is newer than this program: "
                            "upgrade the program")
    BUNDLE_SIZE_IMPLAUSIBLE = T("同步包内容大小不合理", "The bundle content size is implausible")
    BUNDLE_DECRYPT = T("同步包内容无法解密（已损坏或被篡改）",
                       "The bundle content cannot be decrypted (damaged or tampered with)")
    BUNDLE_KEY_RECORD = T("同步包已损坏（密钥记录不对）",
                          "The bundle is damaged (wrong key record)")
    BUNDLE_NOT_FOR_US = T("这个同步包不是发给本数据库的（没有可用的解密密钥）",
                          "This bundle is not addressed to this database (no key to decrypt it)")
    TRANSFER_CODE_WRONG = T("传输码不正确，无法解开参考包",
                            "Wrong transfer code: the reference bundle cannot be opened")
    TRANSFER_CODE_NEEDED = T(
        "这个参考包还不是发给本机密钥的：请用 --code 或环境变量 {env} 提供县里给的传输码",
        "This reference bundle is not yet addressed to this laptop's key: give the transfer "
        "code from the county with --code or the environment variable {env}")
    # ---- the payload archive ------------------------------------------------------------------
    BUNDLE_MEMBER_NAME = T("同步包成员名称无效: {name!r}", "Bad bundle member name: {name!r}")
    BUNDLE_MEMBER_OUTSIDE = T("成员路径越出同步包: {name!r}",
                              "A member path leads out of the bundle: {name!r}")
    BUNDLE_MEMBER_UNKNOWN = T("同步包含有未知成员: {name!r}",
                              "The bundle has an unknown member: {name!r}")
    BUNDLE_NOT_ZIP = T("同步包内容已损坏（不是有效的压缩包）",
                       "The bundle content is damaged (not a valid zip)")
    BUNDLE_MEMBER_DUPLICATE = T("同步包成员重复: {name}", "A bundle member repeats: {name}")
    BUNDLE_MEMBER_ENCRYPTED = T("同步包成员不应加密", "Bundle members must not be encrypted")
    BUNDLE_NO_MANIFEST = T("同步包缺少清单 manifest.json", "The bundle has no manifest.json")
    BUNDLE_MANIFEST_NO_MEMBERS = T("同步包清单缺少成员列表",
                                   "The bundle manifest has no member list")
    BUNDLE_MEMBERS_MISMATCH = T("同步包成员与清单不符（缺少 {missing}，多出 {extra}）",
                                "The bundle members do not match its manifest (missing "
                                "{missing}, extra {extra})")
    BUNDLE_MEMBER_SIZE_LISTED = T("同步包成员大小与清单不符: {name}",
                                  "A bundle member's size differs from its manifest: {name}")
    BUNDLE_MEMBER_DAMAGED = T("同步包成员已损坏: {name}（{reason}）",
                              "A bundle member is damaged: {name} ({reason})")
    BUNDLE_MEMBER_SIZE = T("同步包成员大小不对: {name}", "A bundle member has the wrong size: {name}")
    BUNDLE_MEMBER_UNREADABLE = T("同步包成员无法读取: {name}", "A bundle member cannot be read: {name}")
    BUNDLE_MEMBER_MISSING = T("同步包缺少成员: {name}", "The bundle lacks the member {name}")
    BUNDLE_MEMBER_CHECKSUM = T("同步包成员校验和不符: {name}",
                               "A bundle member fails its checksum: {name}")
    # ---- the manifest and the changes ---------------------------------------------------------
    BUNDLE_NO_SCHEMA = T("同步包清单缺少数据库版本", "The bundle manifest has no database version")
    BUNDLE_NEWER_PROGRAM = T(
        "同步包来自更新的程序（数据库版本 {version}，本程序支持到 {supported}），请先升级本程序",
        "The bundle comes from a newer program (database version {version}, this program "
        "supports up to {supported}): upgrade this program first")
    BUNDLE_CHANGES_FORMAT = T("同步包的变更列表格式不对", "The bundle's list of changes is malformed")
    MANIFEST_HEADER_MISMATCH = T("同步包清单与包头不一致（{key}）",
                                 "The bundle manifest and header disagree ({key})")
    REFERENCE_NO_CONTENT = T("参考包缺少 reference.json 内容",
                             "The reference bundle lacks reference.json")
    PHOTO_CHECKSUM = T("附件（照片、签名、录音等）内容与其校验和不符: {sha256}",
                       "An attachment (photo, signature, recording...) does not match its "
                       "checksum: {sha256}")
    CHANGE_FORMAT = T("同步包中的变更记录格式不对", "A change in the bundle is malformed")
    CHANGE_FORMAT_AT = T("同步包中的变更记录格式不对（{device}:{counter}）",
                         "A change in the bundle is malformed ({device}:{counter})")
    CHANGE_UNKNOWN_TABLE = T("同步包中有未知的表: {table}",
                             "The bundle has changes to an unknown table: {table}")
    CHANGE_DATA_FORMAT = T("同步包中的变更数据格式不对（{version}）",
                           "The data of a change in the bundle is malformed ({version})")
    CHANGE_UNKNOWN_FIELD = T("同步包中的变更修改了未知字段 {table}.{field}",
                             "A change in the bundle sets an unknown field {table}.{field}")
    CHANGE_VALUE_TYPE = T("同步包中的变更字段 {table}.{field} 的值类型不对（{version}）",
                          "A change in the bundle gives {table}.{field} a value of the wrong "
                          "type ({version})")
    # ---- merging: does the bundle fit this database ------------------------------------------
    PASSPHRASE_REQUIRED = T("需要本机私钥口令", "The passphrase of this laptop's key is needed")
    BUNDLE_OTHER_DEVICES = T("导出包含有其他设备的变更（{device}）",
                             "The export holds changes of another device ({device})")
    BUNDLE_UNKNOWN_FORMS = T("同步包使用了本库不认识的表单：{problems}。请先更新县里的表单",
                             "The bundle uses forms this database does not know: {problems}. "
                             "Update the county's forms first")
    BUNDLE_GAP = T(
        "缺少此设备更早的同步包：本库已合并到第 {seen} 号变更，此包从第 {start} 号开始。"
        "请先合并更早的包，或在乡镇用 bundle export --full 重新导出",
        "An earlier bundle of this device is missing: this database has merged up to change "
        "{seen}, this bundle starts at {start}. Merge the earlier bundle first, or export again "
        "at the township with bundle export --full")
    REFERENCE_SALT = T("参考包与本机的身份证加密盐不一致：不是同一个县级数据库发出的",
                       "The reference bundle's ID-number salt differs from this laptop's: it "
                       "comes from another county database")
    BUNDLE_INCONSISTENT = T("同步包与本库数据不一致，未做任何改动（{reason}）",
                            "The bundle does not fit this database's data; nothing was changed "
                            "({reason})")
    BUNDLE_DUPLICATE_CHANGE = T("同步包中有重复的变更 {version}",
                                "The bundle holds the change {version} twice")
    BUNDLE_UNKNOWN_RECORD = T("同步包修改了本库没有的记录 {table} {uuid}（缺少它之前的同步包？）",
                              "The bundle changes a record this database lacks: {table} {uuid} "
                              "(is an earlier bundle missing?)")
    BUNDLE_PHOTO_MISSING = T("同步包缺少照片 {sha256}", "The bundle lacks the photo {sha256}")
    BUNDLE_UNMERGED_BASE = T(
        "同步包中的修改基于本库还没有合并的变更 {base}：请先合并设备 {device} 的同步包",
        "A change in the bundle builds on the change {base} not merged here yet: merge the "
        "bundles of device {device} first")
    BUNDLE_OUTSIDE_TOWNSHIP = T("同步包修改了本乡镇以外的记录（{table} {area}）",
                                "The bundle changes a record outside its township ({table} "
                                "{area})")
    BUNDLE_UNKNOWN_HOUSEHOLD = T("同步包中的 {table} {uuid} 引用了本库没有的户 {household}",
                                 "{table} {uuid} in the bundle refers to a household this "
                                 "database lacks: {household}")
    BUNDLE_UNKNOWN_AREA = T("同步包中的记录引用了本库没有的区划 {area}",
                            "A record in the bundle refers to an area this database lacks: "
                            "{area}")
    # ---- trust: who signed the bundle ---------------------------------------------------------
    BUNDLE_OTHER_COUNTY = T("这个同步包属于另一个区县（{county}），本库是 {own}",
                            "This bundle belongs to another county ({county}); this database "
                            "is {own}")
    COUNTY_MERGES_EXPORTS = T("县级数据库只合并乡镇导出的同步包（这是一个参考包）",
                              "A county database merges township exports only (this is a "
                              "reference bundle)")
    BUNDLE_FROM_SELF = T("这个同步包来自本数据库自己", "This bundle comes from this database itself")
    DEVICE_CERT_BROKEN = T("设备 {device} 的证书记录已损坏（签名不符），拒绝",
                           "The certificate record of device {device} is damaged (signature "
                           "does not match); refused")
    DEVICE_ID_MISUSED = T(
        "同步包自称来自设备 {claimed}，但签名密钥（指纹 {fingerprint}）登记的是设备 {device}"
        "（{name}）：冒用设备编号，拒绝",
        "The bundle claims to come from device {claimed}, but its signing key (fingerprint "
        "{fingerprint}) is enrolled for device {device} ({name}): a borrowed device id; refused")
    DEVICE_OTHER_TOWNSHIP = T(
        "设备 {device}（{name}）登记在乡镇 {township}，同步包却自称乡镇 {claimed}，拒绝",
        "Device {device} ({name}) is enrolled in township {township}, yet the bundle claims "
        "township {claimed}; refused")
    DEVICE_REVOKED_ON = T(
        "设备 {device}（{name}，密钥指纹 {fingerprint}）已于 {date} 被停用，它签名的同步包不再接受"
        "（包中自称设备 {claimed}）",
        "Device {device} ({name}, key fingerprint {fingerprint}) was revoked on {date}; bundles "
        "it signs are no longer accepted (the bundle claims device {claimed})")
    DEVICE_REVOKED = T(
        "设备 {device}（密钥指纹 {fingerprint}）已被停用，它签名的同步包不再接受（包中自称设备 "
        "{claimed}）",
        "Device {device} (key fingerprint {fingerprint}) is revoked; bundles it signs are no "
        "longer accepted (the bundle claims device {claimed})")
    DEVICE_KEY_FORGED = T(
        "同步包自称来自设备 {device_id}（{name}），但签名密钥（指纹 {fingerprint}）不是本县给这台"
        "设备登记的密钥：可能是伪造的同步包，拒绝",
        "The bundle claims to come from device {device_id} ({name}), but its signing key "
        "(fingerprint {fingerprint}) is not the key the county enrolled for it: possibly a "
        "forged bundle; refused")
    DEVICE_ENROL_AGAIN = T(
        "设备 {device_id}（{name}）是按旧方式登记的，需要重新登记一次：在县里运行 fieldapp devices "
        "enrol 数据库 {fingerprint} --township {township}（或在“同步”菜单的“笔记本登记”中登记），"
        "然后再合并",
        "Device {device_id} ({name}) was enrolled the old way and must be enrolled once more: "
        "at the county run fieldapp devices enrol DATABASE {fingerprint} --township {township} "
        "(or use Enrol laptops in the Sync menu), then merge again")
    DEVICE_UNCERTIFIED = T(
        "设备 {device_id}（{name}，乡镇 {township}，密钥指纹 {fingerprint}）没有本县的设备证书，"
        "它的同步包一律拒绝。新笔记本请先在本机生成登记申请，由县里登记（fieldapp devices enrol）"
        "后再用县里发的参考包建库",
        "Device {device_id} ({name}, township {township}, key fingerprint {fingerprint}) has no "
        "device certificate of this county; its bundles are all refused. A new laptop writes an "
        "enrolment request, the county enrols it (fieldapp devices enrol), then the laptop is "
        "set up from the county's reference bundle")
    LAPTOP_MERGES_REFERENCES = T("乡镇数据库只能合并县里的参考包",
                                 "A township database merges the county's reference bundles "
                                 "only")
    REFERENCE_NOT_OUR_COUNTY = T("参考包不是本县签发的（签名密钥不符）",
                                 "The reference bundle was not signed by this county (the "
                                 "signing key differs)")
    REFERENCE_OTHER_TOWNSHIP = T("这是乡镇 {township} 的参考包，本机属于 {own}",
                                 "This is the reference bundle of township {township}; this "
                                 "laptop belongs to {own}")
    # ---- keys, passphrases, identity ----------------------------------------------------------
    KDF_PARAMS = T("密钥派生参数不合理", "Implausible key derivation parameters")
    PASSPHRASE_WRONG = T("口令不正确，无法解开本机私钥",
                         "Wrong passphrase: this laptop's private key cannot be opened")
    PRIVATE_KEY_DAMAGED = T("本机私钥记录已损坏", "This laptop's private key record is damaged")
    PASSPHRASE_NO_TERMINAL = T("需要私钥口令：请设置环境变量 {env}，或在终端中运行以便输入",
                               "The key passphrase is needed: set the environment variable "
                               "{env}, or run in a terminal to type it")
    PASSPHRASE_EMPTY = T("私钥口令不能为空", "The key passphrase cannot be empty")
    PASSPHRASE_MISMATCH = T("两次输入的私钥口令不一致", "The two key passphrases typed differ")
    TRANSFER_CODE_NO_TERMINAL = T("需要传输码：请设置环境变量 {env}，或在终端中运行以便输入",
                                  "The transfer code is needed: set the environment variable "
                                  "{env}, or run in a terminal to type it")
    TRANSFER_CODE_EMPTY = T("传输码不能为空", "The transfer code cannot be empty")
    KEYS_MISSING = T("本数据库还没有密钥：请先用 fieldapp init 创建",
                     "This database has no keys yet: create them with fieldapp init first")
    KEYS_INCONSISTENT = T("本机密钥记录不一致", "This laptop's key records disagree")
    COUNTY_KEY_UNKNOWN = T("本数据库不知道县级公钥：请用县里的参考包创建（fieldapp init --from）",
                           "This database does not know the county's public key: create it "
                           "from the county's reference bundle (fieldapp init --from)")
    PENDING_KEY_DAMAGED = T("本机的待登记密钥文件已损坏",
                            "This laptop's key file awaiting enrolment is damaged")
    # ---- setting a database up ---------------------------------------------------------------
    COUNTY_FILE_EXISTS = T("文件已存在，且不是区县 {county} 的县级数据库，不会覆盖",
                           "The file exists and is not the county database of {county}; it is "
                           "not overwritten")
    COUNTY_HAS_KEYS = T("这个县级数据库已有密钥，不会覆盖",
                        "This county database already has keys; they are not overwritten")
    NOT_REQUESTED_YET = T(
        "本机还没有申请登记：先运行 fieldapp devices request 数据库 -o 申请文件（或在程序中"
        "“申请登记本机”），把申请文件交给县里登记，再用县里发回的参考包建库",
        "This laptop has not asked to be enrolled: run fieldapp devices request DATABASE -o "
        "REQUEST_FILE (or Request enrolment in the app), give the file to the county, then set "
        "up from the reference bundle the county sends back")
    REFERENCE_ONLY = T("只能用县里的参考包创建乡镇数据库",
                       "A township database is created from the county's reference bundle only")
    REFERENCE_NO_COUNTY = T("参考包缺少区县设置", "The reference bundle lacks the county settings")
    REFERENCE_NO_COUNTY_KEY = T("参考包缺少县级公钥", "The reference bundle lacks the county key")
    REFERENCE_SIGNER = T("参考包的签名者与其中的县级公钥不一致",
                         "The reference bundle's signer differs from the county key inside it")
    REFERENCE_CERT_MISMATCH = T("参考包中本机的设备证书与本机不符",
                                "The device certificate for this laptop in the reference "
                                "bundle does not match this laptop")
    REFERENCE_NO_CERT = T(
        "这个参考包里没有本机（密钥指纹 {fingerprint}）的设备证书：县里还没有登记本机",
        "This reference bundle holds no device certificate for this laptop (key fingerprint "
        "{fingerprint}): the county has not enrolled it yet")
    # ---- writing bundles ---------------------------------------------------------------------
    OUTPUT_IS_FOLDER = T("输出路径是一个文件夹", "The output path is a folder")
    BUNDLE_WRITE_FAILED = T("无法写入同步包: {reason}", "Cannot write the bundle: {reason}")
    COUNTY_EXPORTS_NO_BUNDLE = T("县级数据库不导出同步包；给乡镇的数据请用 bundle reference",
                                 "A county database exports no bundle; use bundle reference "
                                 "for a township's data")
    EXPORT_CANCELLED = T("导出已取消", "Export cancelled", "cancelled")
    REFERENCE_NO_TOWNSHIP = T("本库没有乡镇 {township}", "This database has no township {township}")
    REFERENCE_COUNTY_ONLY = T("只有县级数据库能生成参考包",
                              "Only a county database makes reference bundles")
    REFERENCE_NOT_ENROLLED = T(
        "乡镇 {name}（{area}）还没有登记的笔记本：参考包只发给登记过的笔记本。请先登记（fieldapp "
        "devices enrol 或“同步”菜单中的“笔记本登记”）",
        "Township {name} ({area}) has no enrolled laptop: reference bundles go to enrolled "
        "laptops only. Enrol one first (fieldapp devices enrol, or Enrol laptops in the Sync "
        "menu)")
    # ---- conflicts and duplicates ------------------------------------------------------------
    CONFLICT_KEEP = T("处理方式应为 {choices}", "Resolve with one of {choices}")
    CONFLICT_NOT_FOUND = T("没有编号为 {conflict} 的冲突", "No conflict numbered {conflict}")
    CONFLICT_DONE = T("冲突 {conflict} 已经处理过了", "Conflict {conflict} is resolved already")
    CONFLICT_DELETE_KEEPS = T("删除冲突只能保留现状",
                              "A deletion conflict can only keep what is there")
    CONFLICT_RECORD_GONE = T("冲突 {conflict} 的记录已不存在",
                             "The record of conflict {conflict} no longer exists")
    CONFLICT_VISIT_RESULT = T("走访结论冲突只能选择其中一次走访（--keep ours 或 theirs）",
                              "A visit result conflict keeps one of the two visits (--keep "
                              "ours or theirs)")
    DUPLICATE_SELF = T("不能把一户合并到它自己", "A household cannot be merged into itself")
    DUPLICATE_MERGED = T("户 {drop} 已经合并到 {into}", "Household {drop} is merged into {into} "
                         "already")
    DUPLICATE_KEEP_GONE = T("户 {keep} 已合并或已删除，不能作为保留的一户",
                            "Household {keep} is merged or deleted; it cannot be the one kept")
    DUPLICATE_PAIR_NOT_FOUND = T("没有这一对疑似重复户", "No such pair of possible duplicates")
    # ---- enrolling laptops (jobs.devices, sync.certificates) ---------------------------------
    ENROL_REQUEST_TOO_LARGE = T("登记申请文件过大，不是 fieldapp 的登记申请",
                                "The enrolment request is too large to be fieldapp's")
    ENROL_REQUEST_UNREADABLE = T("无法读取登记申请文件：{reason}",
                                 "Cannot read the enrolment request: {reason}")
    ENROL_REQUEST_FORMAT = T("不是 fieldapp 的登记申请文件（格式不对）",
                             "Not a fieldapp enrolment request (wrong format)")
    ENROL_REQUEST_SIGNATURE = T("登记申请文件的签名无效：文件被改动过，请让乡镇重新生成",
                                "The enrolment request's signature is invalid: the file was "
                                "altered; ask the township to write it again")
    ENROL_REQUEST_TOWNSHIP_ONLY = T("只有乡镇数据库需要向县里申请登记",
                                    "Only a township database asks the county for enrolment")
    ENROL_REQUEST_WRITE = T("无法写入登记申请文件：{reason}",
                            "Cannot write the enrolment request: {reason}")
    ENROL_DEVICE_KEY_MISMATCH = T("申请中的设备编号 {device} 与它的密钥不符，拒绝登记",
                                  "The device id {device} in the request does not match its "
                                  "key; not enrolled")
    ENROL_NOT_A_REQUEST = T(
        "“{source}”既不是登记申请文件，也不是密钥指纹（16 位，如 1A2B-3C4D-5E6F-7A8B）",
        "\"{source}\" is neither an enrolment request nor a key fingerprint (16 characters, "
        "e.g. 1A2B-3C4D-5E6F-7A8B)")
    ENROL_UNKNOWN_FINGERPRINT = T(
        "本库不认识指纹为 {fingerprint} 的笔记本：请用笔记本写出的登记申请文件登记（fieldapp "
        "devices request）",
        "This database knows no laptop with fingerprint {fingerprint}: enrol it from the "
        "request file the laptop writes (fieldapp devices request)")
    ENROL_KEY_REVOKED_ON = T(
        "密钥 {fingerprint}（设备 {device}）已于 {date} 被停用，不能再登记。请在笔记本上重新生成"
        "密钥后再申请",
        "Key {fingerprint} (device {device}) was revoked on {date} and cannot be enrolled "
        "again. Make a new key on the laptop and ask again")
    ENROL_KEY_REVOKED = T("密钥 {fingerprint}（设备 {device}）已被停用，不能再登记",
                          "Key {fingerprint} (device {device}) is revoked and cannot be "
                          "enrolled again")
    ENROL_DEVICE_TAKEN = T("设备编号 {device} 已登记给另一把密钥，拒绝",
                           "Device id {device} is enrolled with another key; refused")
    ENROL_OTHER_TOWNSHIP = T(
        "这台笔记本（{fingerprint}）已登记在乡镇 {township}；要换乡镇请先停用它，再用新密钥申请",
        "This laptop ({fingerprint}) is enrolled in township {township}; to move it, revoke it "
        "and ask again with a new key")
    ENROL_COUNTY_ONLY = T("只有县级数据库能登记笔记本", "Only a county database enrols laptops")
    ENROL_FINGERPRINT_CHANGED = T(
        "申请文件的密钥指纹是 {fingerprint}，与笔记本上显示的 {expected} 不一致：文件可能被调换，"
        "拒绝登记",
        "The request's key fingerprint is {fingerprint}, not {expected} as shown on the laptop: "
        "the file may have been swapped; not enrolled")
    REVOKE_COUNTY_ONLY = T("只有县级数据库能停用笔记本", "Only a county database revokes laptops")
    DEVICE_NOT_FOUND = T("本库没有设备 {device}（可用设备编号、密钥指纹或证书序号）",
                         "This database has no device {device} (give a device id, key "
                         "fingerprint or certificate number)")
    # ---- forms a bundle uses or carries (sync/forms.py) -----------------------------------------
    SYNC_FORM_UNKNOWN = T("表单 {form_id}（版本 {version}）本库没有",
                          "form {form_id} (version {version}) is not in this database")
    SYNC_FORM_NEWER = T("表单 {form_id} 版本 {version} 比本库已知的 {known} 新",
                        "form {form_id} version {version} is newer than {known}, the newest this "
                        "database knows")
    SYNC_FORM_TOO_MANY_FILES = T("选项文件超过 {limit} 个", "more than {limit} choice files")
    SYNC_FORM_OTHER_FORM = T("工作簿里是 {form_id} 版本 {version}",
                             "the workbook holds {form_id} version {version}")
    SYNC_TOO_MANY_FORMS = T("超过 {limit} 个表单", "more than {limit} forms")
    # ---- changes a township laptop may not make (sync/authority.py) -----------------------------
    REFUSED_TABLE = T("乡镇笔记本无权修改{what}", "A township laptop may not change {what}",
                      "not_allowed")
    REFUSED_PHOTO = T("乡镇笔记本只能新增照片，不能改动别人的照片",
                      "A township laptop may add photos but not change another's photos",
                      "not_allowed")
    REFUSED_OUTSIDE = T("{what}属于本乡镇（{township}）以外的区划 {area}，乡镇笔记本无权修改",
                        "A change to {what} in area {area}, outside this township ({township}): "
                        "a township laptop may not make it", "outside_township")
    TABLE_AREAS = T("区划（乡镇、村及村名）", "divisions (townships, villages and their names)")
    TABLE_HOUSEHOLDS = T("户", "households")
    TABLE_VISITS = T("走访记录", "visits")
    TABLE_ATTACHMENTS = T("照片", "photos")
    TABLE_PUBLIC_PLACES = T("公共场所", "public places")
    TABLE_FACILITIES = T("服务网点和应急广播终端", "service points and broadcast terminals")
    TABLE_WORK_ORDERS = T("工单", "work orders")
    TABLE_SPOT_CHECKS = T("抽查", "spot checks")
    TABLE_SPOT_CHECK_ITEMS = T("抽查明细", "spot check items")
    TABLE_SHEET_PRINTS = T("打印的核验单", "printed sheets")
    TABLE_DEVICES = T("设备", "devices")
    TABLE_FORMS = T("表单", "forms")
    # ---- terminal prompts (sync/passphrase.py) ------------------------------------------------
    PROMPT_PASSPHRASE = T("本机私钥口令: ", "Passphrase of this computer's private key: ")
    PROMPT_AGAIN = T("再输入一次确认: ", "Type it again to confirm: ")
    PROMPT_TRANSFER_CODE = T("参考包传输码: ", "Transfer code of the reference bundle: ")
