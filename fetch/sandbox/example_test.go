package sandbox_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/careport/careport/fetch/sandbox"
	"github.com/careport/careport/fetch/sandbox/sandboxtest"
)

// A sandbox serves an account over HTTP exactly as the live API would.
func Example() {
	srv, err := sandbox.New(sandbox.Options{Account: sandboxtest.Fixture(), APIID: "my-id", APIKey: "my-key", Now: sandboxtest.Now})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	client := &http.Client{}
	for _, key := range []string{"my-key", "wrong"} {
		resp, err := client.PostForm(ts.URL+"/API/", url.Values{"a": {"Account.me"}, "APIID": {"my-id"}, "APIKey": {key}})
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, string(body))
	}
	// Output:
	// 200 {"status":"success","result":"loaded","return":[{"firstName":"Olivia","lastName":"Owner","email":"olivia@example.com","username":"olivia@example.com"}],"error":0,"message":"Account.me: loaded 1 record.","timezone":"America/Denver"}
	// 200 {"status":"failure","result":"","return":[],"error":104,"message":"The API Key provided is not valid."}
}
