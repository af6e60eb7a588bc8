/*
 * A fake Windows program for the win32 suite (test/win32/), built by the suite with
 *   x86_64-w64-mingw32-gcc -O2 -Wall -municode -static -o fake.exe fake.c -lshell32
 * and copied under each name it stands for (powershell.exe, containerd.exe, the shim, kubelet.exe).
 *
 * Its behaviour comes from files beside its own path (GetModuleFileNameW), as test/helpers/fakehost.ts
 * writes them:
 *   .stdout      raw bytes to print (so UTF-16LE with a BOM works)
 *   .stderr      raw bytes for stderr
 *   .exitcode    the exit code (default 0)
 *   .delayms     wait this long before answering
 *   .hang        never answer: ignore Ctrl events, sleep LIFETIME_MS
 *   .child       "exit" or "hang": first start a grandchild that inherits stdout and stderr and lives
 *                until this file is removed (at most LIFETIME_MS), print stdout, then exit or hang
 *   .closestdio  print stdout, close stdout and stderr, keep running LIFETIME_MS
 *   .fill        print this many bytes on stdout
 * Each run appends one JSON line to %FAKE_HOST_LOG%: program, commandLine (as CreateProcess got it), argv
 * (CommandLineToArgvW), args, pid, ppid, parentExe, children, start, end (ms since 1970), the shape of
 * test/fakes/replay.mjs's log plus the Windows-only fields.
 * Nothing runs longer than LIFETIME_MS, so a failed test leaves nothing behind for long.
 */
#include <windows.h>
#include <shellapi.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define LIFETIME_MS 60000
#define GRANDCHILD_FLAG L"--fake-grandchild"

static wchar_t self[MAX_PATH * 4];
static long long started;
static DWORD children[4];
static int nchildren;

static long long now_ms(void) {
  FILETIME ft;
  GetSystemTimePreciseAsFileTime(&ft);
  ULARGE_INTEGER t;
  t.LowPart = ft.dwLowDateTime;
  t.HighPart = ft.dwHighDateTime;
  return (long long)((t.QuadPart - 116444736000000000ULL) / 10000ULL);
}

/* The file <self><suffix>, whole; NULL when absent. */
static char *read_spec(const wchar_t *suffix, DWORD *size) {
  wchar_t name[MAX_PATH * 4 + 32];
  _snwprintf(name, sizeof name / sizeof name[0], L"%ls%ls", self, suffix);
  HANDLE h = CreateFileW(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                         OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) return NULL;
  DWORD n = GetFileSize(h, NULL);
  char *buf = malloc(n + 1);
  DWORD got = 0, r = 0;
  while (got < n && ReadFile(h, buf + got, n - got, &r, NULL) && r > 0) got += r;
  CloseHandle(h);
  buf[got] = 0;
  if (size) *size = got;
  return buf;
}

static long spec_number(const wchar_t *suffix, long otherwise) {
  char *text = read_spec(suffix, NULL);
  if (!text) return otherwise;
  long value = strtol(text, NULL, 10);
  free(text);
  return value;
}

static void write_all(HANDLE h, const char *data, DWORD n) {
  DWORD done = 0, w = 0;
  while (done < n && WriteFile(h, data + done, n - done, &w, NULL) && w > 0) done += w;
}

static void print_spec(const wchar_t *suffix, DWORD which) {
  DWORD n = 0;
  char *data = read_spec(suffix, &n);
  if (!data) return;
  write_all(GetStdHandle(which), data, n);
  free(data);
}

/* ---- the JSON log line ------------------------------------------------------------------------------ */

typedef struct {
  char *p;
  size_t len, cap;
} Buf;

static void put(Buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = 0;
}

static void puts_(Buf *b, const char *s) { put(b, s, strlen(s)); }

static void put_json_string(Buf *b, const wchar_t *w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  char *utf8 = malloc(n > 0 ? n : 1);
  if (n > 0) WideCharToMultiByte(CP_UTF8, 0, w, -1, utf8, n, NULL, NULL);
  else utf8[0] = 0;
  puts_(b, "\"");
  for (unsigned char *c = (unsigned char *)utf8; *c; c++) {
    char esc[8];
    if (*c == '"' || *c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)*c;
      put(b, esc, 2);
    } else if (*c < 0x20) {
      snprintf(esc, sizeof esc, "\\u%04x", *c);
      puts_(b, esc);
    } else {
      put(b, (char *)c, 1);
    }
  }
  puts_(b, "\"");
  free(utf8);
}

static void parent_of(DWORD pid, DWORD *ppid, wchar_t *exe, size_t exe_len) {
  *ppid = 0;
  exe[0] = 0;
  HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (snap == INVALID_HANDLE_VALUE) return;
  PROCESSENTRY32W e;
  e.dwSize = sizeof e;
  if (Process32FirstW(snap, &e)) do {
      if (e.th32ProcessID == pid) *ppid = e.th32ParentProcessID;
    } while (Process32NextW(snap, &e));
  if (*ppid) {
    e.dwSize = sizeof e;
    if (Process32FirstW(snap, &e)) do {
        if (e.th32ProcessID == *ppid) {
          wcsncpy(exe, e.szExeFile, exe_len - 1);
          exe[exe_len - 1] = 0;
        }
      } while (Process32NextW(snap, &e));
  }
  CloseHandle(snap);
}

static void log_run(long long end) {
  wchar_t logpath[MAX_PATH * 4];
  DWORD n = GetEnvironmentVariableW(L"FAKE_HOST_LOG", logpath, sizeof logpath / sizeof logpath[0]);
  if (n == 0 || n >= sizeof logpath / sizeof logpath[0]) return;

  Buf b = {0};
  char num[64];
  puts_(&b, "{\"program\":");
  put_json_string(&b, self);
  puts_(&b, ",\"commandLine\":");
  put_json_string(&b, GetCommandLineW());
  int argc = 0;
  wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
  puts_(&b, ",\"argv\":[");
  for (int i = 0; argv && i < argc; i++) {
    if (i) puts_(&b, ",");
    put_json_string(&b, argv[i]);
  }
  puts_(&b, "],\"args\":[");
  for (int i = 1; argv && i < argc; i++) {
    if (i > 1) puts_(&b, ",");
    put_json_string(&b, argv[i]);
  }
  puts_(&b, "]");
  if (argv) LocalFree(argv);
  DWORD ppid;
  wchar_t parent[MAX_PATH];
  parent_of(GetCurrentProcessId(), &ppid, parent, MAX_PATH);
  snprintf(num, sizeof num, ",\"pid\":%lu,\"ppid\":%lu", (unsigned long)GetCurrentProcessId(), (unsigned long)ppid);
  puts_(&b, num);
  puts_(&b, ",\"parentExe\":");
  put_json_string(&b, parent);
  puts_(&b, ",\"children\":[");
  for (int i = 0; i < nchildren; i++) {
    snprintf(num, sizeof num, "%s%lu", i ? "," : "", (unsigned long)children[i]);
    puts_(&b, num);
  }
  snprintf(num, sizeof num, "],\"start\":%lld,\"end\":%lld}\n", started, end);
  puts_(&b, num);

  HANDLE h = CreateFileW(logpath, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                         OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h != INVALID_HANDLE_VALUE) {
    write_all(h, b.p, (DWORD)b.len);
    CloseHandle(h);
  }
  free(b.p);
}

/* ---- behaviours -------------------------------------------------------------------------------------- */

static void hang(void) {
  SetConsoleCtrlHandler(NULL, TRUE);
  Sleep(LIFETIME_MS);
  ExitProcess(0);
}

static void start_grandchild(void) {
  wchar_t cmd[MAX_PATH * 4 + 64];
  _snwprintf(cmd, sizeof cmd / sizeof cmd[0], L"\"%ls\" %ls", self, GRANDCHILD_FLAG);
  STARTUPINFOW si;
  PROCESS_INFORMATION pi;
  memset(&si, 0, sizeof si);
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
  si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
  /* Make sure the handles are inheritable, whatever the parent gave us. */
  SetHandleInformation(si.hStdOutput, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
  SetHandleInformation(si.hStdError, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
  if (CreateProcessW(self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
    if (nchildren < 4) children[nchildren++] = pi.dwProcessId;
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
  }
}

int wmain(int argc, wchar_t **argv) {
  started = now_ms();
  GetModuleFileNameW(NULL, self, sizeof self / sizeof self[0]);
  if (argc > 1 && wcscmp(argv[1], GRANDCHILD_FLAG) == 0) {
    /* Wine's taskkill has no /T, so the doctor cannot end a grandchild there. It ends itself once its
     * fake host is removed (the .child spec beside it is gone): a test that killed it by pid could hit
     * another run's process, since Windows reuses pids at once. */
    SetConsoleCtrlHandler(NULL, TRUE);
    wchar_t spec[MAX_PATH * 4 + 32];
    _snwprintf(spec, sizeof spec / sizeof spec[0], L"%ls.child", self);
    for (int waited = 0; waited < LIFETIME_MS; waited += 100) {
      if (GetFileAttributesW(spec) == INVALID_FILE_ATTRIBUTES) return 0;
      Sleep(100);
    }
    return 0;
  }
  int code = (int)spec_number(L".exitcode", 0);

  char *child = read_spec(L".child", NULL);
  if (child) {
    start_grandchild();
    print_spec(L".stdout", STD_OUTPUT_HANDLE);
    log_run(started);
    if (strncmp(child, "hang", 4) == 0) hang();
    return code;
  }
  if (spec_number(L".closestdio", 0)) {
    print_spec(L".stdout", STD_OUTPUT_HANDLE);
    log_run(started);
    CloseHandle(GetStdHandle(STD_OUTPUT_HANDLE));
    CloseHandle(GetStdHandle(STD_ERROR_HANDLE));
    Sleep(LIFETIME_MS);
    return 0;
  }
  long fill = spec_number(L".fill", -1);
  if (fill >= 0) {
    log_run(started);
    static char chunk[1 << 16];
    memset(chunk, 'x', sizeof chunk);
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    while (fill > 0) {
      DWORD n = fill < (long)sizeof chunk ? (DWORD)fill : (DWORD)sizeof chunk, w = 0;
      if (!WriteFile(out, chunk, n, &w, NULL) || w == 0) return 1;
      fill -= (long)w;
    }
    return 0;
  }
  if (spec_number(L".hang", 0)) {
    log_run(started);
    hang();
  }
  long delay = spec_number(L".delayms", 0);
  if (delay > 0) Sleep((DWORD)delay);
  print_spec(L".stdout", STD_OUTPUT_HANDLE);
  print_spec(L".stderr", STD_ERROR_HANDLE);
  log_run(now_ms());
  return code;
}
