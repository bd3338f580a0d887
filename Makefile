# The two commands of the README. Both install what they need first.
#
#   make demo    build Tally and open it on the demo client
#   make check   build with warnings as errors and run every test suite,
#                then the core and CLI suites again under ASan and UBSan

BUILDDIR ?= _build
ASAN_BUILDDIR ?= _build-asan
DEMO_PROJECT ?= $(BUILDDIR)/demo/Casa Jacaranda.tally

.PHONY: all deps build demo check clean

all: build

deps:
	@./.ci/install-deps.sh

build: deps
	@test -f $(BUILDDIR)/build.ninja || meson setup $(BUILDDIR) --werror
	@meson compile -C $(BUILDDIR)

demo: build
	@BUILDDIR="$(BUILDDIR)" DEMO_PROJECT="$(DEMO_PROJECT)" ./data/demo/open-demo.sh

check: deps
	@BUILDDIR="$(BUILDDIR)" ASAN_BUILDDIR="$(ASAN_BUILDDIR)" ./tests/check.sh

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR)
